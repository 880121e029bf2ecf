package dev.orderflow.order.support;

import dev.orderflow.localstack.RealInfrastructure;
import dev.orderflow.localstack.StandInIssuer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The one configuration of every integration test, so that all of them share one Spring context (and start it
 * once): the whole service on a random port, on real Kafka and PostgreSQL, with a clock tests can move forward,
 * trusting the tokens of a {@link StandInIssuer}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "orderflow.order.deadline-scan-interval=200ms",
        "orderflow.messaging.consumer.initial-backoff=100ms",
        "orderflow.messaging.consumer.max-retry-time=5s"})
@Import({RealInfrastructure.class, StandInIssuer.Trusted.class, TestClock.Configuration.class, Api.Configuration.class})
public @interface OrderServiceIntegrationTest {
}
