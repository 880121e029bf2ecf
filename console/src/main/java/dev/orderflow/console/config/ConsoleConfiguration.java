package dev.orderflow.console.config;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;

/**
 * Beans of the console that are not components of one feature: its settings and the clock. Who may call what is
 * {@code web.ConsoleSecurity}'s.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsoleProperties.class)
@EnableScheduling
class ConsoleConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
