package dev.orderflow.inventory.config;

import dev.orderflow.web.security.ResourceServer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** Beans of inventory-service that are not components of one feature: its settings and who may call what. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InventoryProperties.class)
class InventoryServiceConfiguration {

    /** The catalog is public to read; everything that changes it, and the stock ledger, is for administrators. */
    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ResourceServer resourceServer) {
        return resourceServer.apply(http)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, "/api/products", "/api/products/*").permitAll()
                        .anyRequest().hasAnyAuthority(ResourceServer.ADMIN))
                .build();
    }
}
