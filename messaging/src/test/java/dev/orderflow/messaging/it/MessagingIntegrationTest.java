package dev.orderflow.messaging.it;

import dev.orderflow.localstack.RealInfrastructure;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** One Spring context for every integration test of messaging, on the shared real Kafka and PostgreSQL. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = TestApplication.class, properties = {
        "spring.application.name=messaging-it",
        "orderflow.messaging.relay.poll-interval=200ms",
        "orderflow.messaging.relay.leader-retry=200ms",
        "orderflow.messaging.consumer.initial-backoff=50ms",
        "orderflow.messaging.consumer.max-backoff=200ms",
        "orderflow.messaging.consumer.max-retry-time=1s",
        "orderflow.messaging.topics.partitions=3",
        "spring.kafka.consumer.properties.metadata.max.age.ms=1000",
        "management.endpoints.web.exposure.include=health,deadletters",
        "management.tracing.sampling.probability=1.0"})
@AutoConfigureTracing
@Import(RealInfrastructure.class)
@interface MessagingIntegrationTest {
}
