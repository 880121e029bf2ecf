package dev.orderflow.notification.support;

import dev.orderflow.localstack.RealInfrastructure;
import dev.orderflow.localstack.StandInIssuer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service on real Kafka and PostgreSQL, delivering to the real provider simulator. Every integration
 * test extends this, so they share one Spring context; timings are shortened so retries and the circuit breaker
 * play out in seconds.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "orderflow.notification.dispatch.scan-interval=200ms",
        "orderflow.notification.dispatch.initial-backoff=200ms",
        "orderflow.notification.dispatch.max-backoff=1s",
        "orderflow.notification.dispatch.lease=30s",
        "resilience4j.timelimiter.instances.notification-provider.timeout-duration=2s",
        "resilience4j.retry.instances.notification-provider.wait-duration=50ms",
        "resilience4j.retry.instances.notification-provider.exponential-max-wait-duration=200ms",
        "resilience4j.circuitbreaker.instances.notification-provider.minimum-number-of-calls=5",
        "resilience4j.circuitbreaker.instances.notification-provider.wait-duration-in-open-state=1s",
})
@Import({RealInfrastructure.class, StandInIssuer.Trusted.class})
public abstract class NotificationServiceIT {

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        registry.add("orderflow.notification.provider.base-url", ProviderSimulator::baseUrl);
    }
}
