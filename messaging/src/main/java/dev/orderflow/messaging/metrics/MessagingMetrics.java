package dev.orderflow.messaging.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The meters of messaging, all named {@code orderflow.messaging.*}. The outbox backlog gauges read values cached
 * by the last backlog refresh, so scraping never queries the database; they remember when they were last read, so
 * that the refresh can stop while nobody looks ({@link #backlogReadWithin}).
 */
public class MessagingMetrics {

    private static final String PREFIX = "orderflow.messaging.";

    private final MeterRegistry registry;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestUnpublishedEpochMillis = new AtomicLong(-1);
    private final AtomicInteger activeRelays = new AtomicInteger();
    private final AtomicLong backlogReadNanos = new AtomicLong(System.nanoTime() - Long.MAX_VALUE / 2);
    /** Met at every message the relay publishes: kept, not looked up in the registry each time. */
    private final Map<String, Counter> publishedByTopic = new ConcurrentHashMap<>();
    private final Timer publishLatency;

    public MessagingMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder(PREFIX + "outbox.pending", this, MessagingMetrics::pending)
                .description("Outbox messages committed but not yet published")
                .register(registry);
        TimeGauge.builder(PREFIX + "outbox.oldest.age", this, TimeUnit.MILLISECONDS, MessagingMetrics::oldestAgeMillis)
                .description("Age of the oldest unpublished outbox message, zero if none")
                .register(registry);
        Gauge.builder(PREFIX + "relay.active", activeRelays, AtomicInteger::get)
                .description("1 while this instance is the active outbox relay of its database")
                .register(registry);
        publishLatency = Timer.builder(PREFIX + "outbox.publish.latency")
                .description("Time from append (in the business transaction) to the broker's acknowledgement")
                .publishPercentileHistogram()
                .register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void published(String topic, Duration sinceAppend) {
        publishedByTopic.computeIfAbsent(topic, name -> Counter.builder(PREFIX + "outbox.published")
                        .description("Outbox messages published to Kafka").tag("topic", name).register(registry))
                .increment();
        publishLatency.record(sinceAppend.isNegative() ? Duration.ZERO : sinceAppend);
    }

    public void publishFailed(String topic) {
        Counter.builder(PREFIX + "outbox.publish.failures").description("Outbox sends Kafka did not acknowledge")
                .tag("topic", topic).register(registry).increment();
    }

    public void duplicateSkipped(String topic) {
        Counter.builder(PREFIX + "inbox.duplicates").description("Messages skipped because already handled")
                .tag("topic", topic).register(registry).increment();
    }

    public void unknownTypeSkipped(String topic) {
        Counter.builder(PREFIX + "consumer.unknown.types")
                .description("Messages skipped because their type is unknown here or not for this consumer")
                .tag("topic", topic).register(registry).increment();
    }

    public void deadLettered(String topic) {
        Counter.builder(PREFIX + "deadletters").description("Messages sent to the dead-letter topic")
                .tag("topic", topic).register(registry).increment();
    }

    /** A record an observing consumer could never handle, skipped (its owner's consumer dead-letters it). */
    public void poisonSkipped(String topic) {
        Counter.builder(PREFIX + "consumer.poison.skipped")
                .description("Messages an observing consumer could never handle and skipped instead of dead-lettering")
                .tag("topic", topic).register(registry).increment();
    }

    public void backlog(long count, Instant oldest) {
        pending.set(count);
        oldestUnpublishedEpochMillis.set(oldest == null ? -1 : oldest.toEpochMilli());
    }

    public void relayActive(boolean active) {
        if (active) {
            activeRelays.incrementAndGet();
        } else {
            activeRelays.decrementAndGet();
        }
    }

    /** Whether a backlog gauge was read (scraped) within the last {@code period}. */
    public boolean backlogReadWithin(Duration period) {
        return System.nanoTime() - backlogReadNanos.get() <= period.toNanos();
    }

    private double pending() {
        backlogReadNanos.set(System.nanoTime());
        return pending.get();
    }

    private double oldestAgeMillis() {
        backlogReadNanos.set(System.nanoTime());
        long oldest = oldestUnpublishedEpochMillis.get();
        return oldest < 0 ? 0 : Math.max(0, System.currentTimeMillis() - oldest);
    }
}
