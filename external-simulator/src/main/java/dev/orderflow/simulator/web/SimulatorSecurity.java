package dev.orderflow.simulator.web;

import dev.orderflow.web.security.ResourceServer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The outside parties' own APIs ({@code /psp}, {@code /provider}) answer their callers as the real ones would (the
 * services call them, with no token of ours); the fault controls ({@code /admin/faults}) and the actuator are an
 * administrator's, like every service's admin operations.
 */
@Configuration(proxyBeanMethods = false)
class SimulatorSecurity {

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ResourceServer resourceServer) {
        return resourceServer.apply(http)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/admin/**").hasAnyAuthority(ResourceServer.ADMIN)
                        .anyRequest().permitAll())
                .build();
    }
}
