package dev.orderflow.notification.config;

import dev.orderflow.messaging.work.WorkQueue;
import dev.orderflow.notification.delivery.NotificationProvider;
import dev.orderflow.web.security.ResourceServer;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.client.RestClient;

import java.time.Clock;

/**
 * Beans of notification-service that are not components of one feature: its settings, the provider client with its
 * HTTP timeouts, the dispatchers' queue, the clock the service reads time from, and who may call what.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationProperties.class)
class NotificationServiceConfiguration {

    /** A customer reads its own notifications (the controller filters them); everything else is an administrator's. */
    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ResourceServer resourceServer) {
        return resourceServer.apply(http)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, "/api/notifications")
                        .hasAnyAuthority(ResourceServer.CUSTOMER_OR_ADMIN)
                        .anyRequest().hasAnyAuthority(ResourceServer.ADMIN))
                .build();
    }

    @Bean
    NotificationProvider notificationProvider(RestClient.Builder builder, NotificationProperties properties,
                                              TimeLimiterRegistry timeLimiters, CircuitBreakerRegistry circuitBreakers,
                                              RetryRegistry retries) {
        NotificationProperties.Provider provider = properties.provider();
        // Blocking calls on the caller's (virtual) thread: the JDK's HttpClient hands every exchange to its selector
        // and worker threads and back, which cost more CPU than the call itself (docs/benchmarks.md).
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(provider.connectTimeout());
        requests.setReadTimeout(provider.readTimeout());
        RestClient http = builder.clone()
                .baseUrl(provider.baseUrl().toString())
                .requestFactory(requests)
                .build();
        return new NotificationProvider(http, timeLimiters, circuitBreakers, retries);
    }

    /** The notifications the dispatchers are to deliver; see V2__notification_queue.sql. */
    @Bean
    WorkQueue notificationQueue(JdbcTemplate jdbc, Clock clock) {
        return new WorkQueue("notification_queue", jdbc, clock);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
