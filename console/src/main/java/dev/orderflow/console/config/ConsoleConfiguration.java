package dev.orderflow.console.config;

import dev.orderflow.web.security.ResourceServer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import java.time.Clock;

/** Beans of the console that are not components of one feature: its settings, the clock, and who may call what. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsoleProperties.class)
@EnableScheduling
class ConsoleConfiguration {

    /** The console shows every customer's orders: administrators only. */
    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ResourceServer resourceServer) {
        return resourceServer.apply(http)
                .authorizeHttpRequests(requests -> requests.anyRequest().hasAnyAuthority(ResourceServer.ADMIN))
                .build();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
