package dev.orderflow.messaging.metrics;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class MessagingMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MessagingMetrics metrics = new MessagingMetrics(registry);

    @Test
    void countsPublishedMessagesPerTopicAndTimesThemFromAppendToAcknowledgement() {
        metrics.published("orders", Duration.ofMillis(30));
        metrics.published("orders", Duration.ofMillis(10));
        metrics.published("payments", Duration.ofMillis(-5));

        assertThat(registry.get("orderflow.messaging.outbox.published").tag("topic", "orders").counter().count())
                .isEqualTo(2);
        assertThat(registry.get("orderflow.messaging.outbox.published").tag("topic", "payments").counter().count())
                .isEqualTo(1);
        Timer latency = registry.get("orderflow.messaging.outbox.publish.latency").timer();
        assertThat(latency.count()).isEqualTo(3);
        assertThat(latency.totalTime(TimeUnit.MILLISECONDS)).as("a clock step back counts as no time").isEqualTo(40);
    }

    @Test
    void theMetersAreTheRegistrysOwnSoThatAScrapeSeesWhatWasCounted() {
        metrics.published("orders", Duration.ZERO);
        registry.counter("orderflow.messaging.outbox.published", "topic", "orders").increment();

        assertThat(registry.find("orderflow.messaging.outbox.published").counters()).hasSize(1);
        assertThat(registry.get("orderflow.messaging.outbox.published").counter().count()).isEqualTo(2);
    }
}
