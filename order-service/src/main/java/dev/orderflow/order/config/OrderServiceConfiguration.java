package dev.orderflow.order.config;

import dev.orderflow.web.security.ResourceServer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Beans of order-service that are not components of one feature: its clock and who may call what. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OrderProperties.class)
@EnableScheduling
class OrderServiceConfiguration {

    /**
     * UTC to the microsecond: PostgreSQL keeps timestamps to the microsecond, so an instant the API shows can be
     * given back as {@code asOf} and still match the stored event exactly.
     */
    @Bean
    Clock clock() {
        return new MicrosecondClock(Clock.systemUTC());
    }

    /**
     * Orders are a customer's or an administrator's business (which orders a customer may see and change is the
     * controller's to decide: its own only); everything else, the projection rebuild included, an administrator's.
     */
    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ResourceServer resourceServer) {
        return resourceServer.apply(http)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/orders", "/api/orders/**")
                        .hasAnyAuthority(ResourceServer.CUSTOMER_OR_ADMIN)
                        .anyRequest().hasAnyAuthority(ResourceServer.ADMIN))
                .build();
    }

    private static final class MicrosecondClock extends Clock {

        private final Clock delegate;

        MicrosecondClock(Clock delegate) {
            this.delegate = delegate;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return new MicrosecondClock(delegate.withZone(zone));
        }

        @Override
        public Instant instant() {
            return delegate.instant().truncatedTo(ChronoUnit.MICROS);
        }
    }
}
