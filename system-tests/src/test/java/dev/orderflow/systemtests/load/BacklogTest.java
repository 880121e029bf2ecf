package dev.orderflow.systemtests.load;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BacklogTest {

    /** As order-service's /actuator/prometheus shows messaging's meters (cut down to a few buckets). */
    private static final String PAGE = """
            # HELP orderflow_messaging_outbox_oldest_age_seconds Age of the oldest unpublished outbox message
            # TYPE orderflow_messaging_outbox_oldest_age_seconds gauge
            orderflow_messaging_outbox_oldest_age_seconds{application="order-service"} 0.25
            # TYPE orderflow_messaging_outbox_pending gauge
            orderflow_messaging_outbox_pending{application="order-service"} 17.0
            # TYPE orderflow_messaging_outbox_publish_latency_seconds histogram
            orderflow_messaging_outbox_publish_latency_seconds_bucket{application="order-service",le="0.01"} 10
            orderflow_messaging_outbox_publish_latency_seconds_bucket{application="order-service",le="0.1"} 90
            orderflow_messaging_outbox_publish_latency_seconds_bucket{application="order-service",le="1.0"} 100
            orderflow_messaging_outbox_publish_latency_seconds_bucket{application="order-service",le="+Inf"} 100
            orderflow_messaging_outbox_publish_latency_seconds_count{application="order-service"} 100
            orderflow_messaging_outbox_publish_latency_seconds_sum{application="order-service"} 4.2
            jvm_threads_live_threads 42 1732500000000
            """;

    @Test
    void readsTheOutboxGaugesAndTheLatencyHistogramFromAPrometheusPage() {
        PrometheusText metrics = PrometheusText.parse(PAGE);

        assertThat(metrics.value(BacklogSampler.PENDING)).hasValue(17.0);
        assertThat(metrics.value(BacklogSampler.OLDEST_AGE)).hasValue(0.25);
        assertThat(metrics.value("jvm_threads_live_threads")).hasValue(42.0);
        assertThat(metrics.value("orderflow_messaging_relay_active")).isEmpty();
        assertThat(metrics.buckets(BacklogSampler.PUBLISH_LATENCY)).containsExactly(
                Map.entry(0.01, 10.0), Map.entry(0.1, 90.0), Map.entry(1.0, 100.0),
                Map.entry(Double.POSITIVE_INFINITY, 100.0));
    }

    @Test
    void interpolatesAQuantileWithinItsBucketLikeHistogramQuantile() {
        NavigableMap<Double, Double> histogram = PrometheusText.parse(PAGE).buckets(BacklogSampler.PUBLISH_LATENCY);

        // rank 50 of 100 lies 40 of the 80 counts into (0.01, 0.1]
        assertThat(Backlog.quantile(0.5, histogram)).isCloseTo(0.055, within(1e-9));
        // rank 5 lies halfway into the first bucket, which starts at 0
        assertThat(Backlog.quantile(0.05, histogram)).isCloseTo(0.005, within(1e-9));
        assertThat(Backlog.quantile(0.99, histogram)).isCloseTo(0.91, within(1e-9));
        assertThat(Backlog.quantile(0.5, new TreeMap<>())).isNaN();
    }

    @Test
    void aQuantileBeyondTheLastFiniteBucketIsThatBound() {
        NavigableMap<Double, Double> histogram = new TreeMap<>(Map.of(0.1, 50.0, 1.0, 60.0,
                Double.POSITIVE_INFINITY, 100.0));

        assertThat(Backlog.quantile(0.99, histogram)).isEqualTo(1.0);
    }

    @Test
    void publishLatencyOfAStepCountsOnlyWhatWasPublishedDuringIt() {
        NavigableMap<Double, Double> before = new TreeMap<>(Map.of(0.01, 10.0, 0.1, 10.0,
                Double.POSITIVE_INFINITY, 10.0));
        NavigableMap<Double, Double> after = new TreeMap<>(Map.of(0.01, 10.0, 0.1, 30.0,
                Double.POSITIVE_INFINITY, 30.0));

        NavigableMap<Double, Double> increase = Backlog.increase(before, after);

        assertThat(increase).containsExactly(Map.entry(0.01, 0.0), Map.entry(0.1, 20.0),
                Map.entry(Double.POSITIVE_INFINITY, 20.0));
        assertThat(Backlog.quantile(0.5, increase)).isCloseTo(0.055, within(1e-9));
    }

    @Test
    void aServiceThatRestartedCountsFromZero() {
        NavigableMap<Double, Double> before = new TreeMap<>(Map.of(0.1, 500.0, Double.POSITIVE_INFINITY, 500.0));
        NavigableMap<Double, Double> after = new TreeMap<>(Map.of(0.1, 7.0, Double.POSITIVE_INFINITY, 8.0));

        assertThat(Backlog.increase(before, after)).isEqualTo(after);
    }

    @Test
    void consumerLagSumsEndMinusCommittedAndCountsAnUncommittedPartitionFromItsBeginning() {
        TopicPartition p0 = new TopicPartition("inventory.commands", 0);
        TopicPartition p1 = new TopicPartition("inventory.commands", 1);
        TopicPartition p2 = new TopicPartition("inventory.commands", 2);
        TopicPartition p3 = new TopicPartition("inventory.commands", 3);

        long lag = Backlog.lag(List.of(p0, p1, p2, p3),
                Map.of(p0, 100L, p1, 50L, p3, 12L),
                Map.of(p0, 130L, p1, 50L, p2, 9L, p3, 10L),
                Map.of(p2, 4L));

        // 30 behind on p0, caught up on p1, 5 never read on p2, and a commit newer than the end read on p3 is 0
        assertThat(lag).isEqualTo(35);
    }

    @Test
    void aStepReportsMaxAndP95OfTheReadingsPerServiceAndLeavesOutWhatWasNotRead() {
        NavigableMap<Double, Double> none = new TreeMap<>();
        NavigableMap<Double, Double> twenty = new TreeMap<>(Map.of(0.1, 20.0, Double.POSITIVE_INFINITY, 20.0));
        List<Backlog.Sample> samples = new java.util.ArrayList<>();
        for (int second = 0; second < 20; second++) {
            samples.add(new Backlog.Sample(second * 1_000_000_000L,
                    Map.of("order-service", new Backlog.OutboxReading(second + 1, (second + 1) / 1000.0,
                            second < 10 ? none : twenty)),
                    second % 2 == 0 ? Map.of("order-service", (long) second) : Map.of()));
        }

        Backlog backlog = Backlog.of(samples, List.of("order-service", "payment-service"));

        Backlog.ServiceFigures order = backlog.services().get(0);
        assertThat(order.pending()).isEqualTo(new Backlog.Spread(20, 19, 20));
        assertThat(order.oldestAgeMillis().max()).isCloseTo(20, within(1e-9));
        // the timer appeared mid-step (first publish): all 20 were published during the step
        assertThat(order.published()).isEqualTo(20);
        assertThat(order.publishP50Millis()).isCloseTo(50, within(1e-9));
        // lag read 10 times: 0, 2, ..., 18
        assertThat(order.consumerLag()).isEqualTo(new Backlog.Spread(18, 18, 10));
        Backlog.ServiceFigures payment = backlog.services().get(1);
        assertThat(payment.pending().samples()).isZero();
        assertThat(payment.pending().cell()).isEqualTo("-");
        assertThat(payment.publishP99Millis()).isNaN();
    }
}
