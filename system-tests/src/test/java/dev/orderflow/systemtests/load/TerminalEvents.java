package dev.orderflow.systemtests.load;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each order's terminal event ({@code OrderConfirmed}, {@code OrderRejected}, {@code OrderCancelled}) became
 * visible on {@code orders.events}, as a plain consumer sees it.
 *
 * <p>Why Kafka rather than polling {@code GET /api/orders/{id}}: polling thousands of orders would add load to the
 * very service being measured (on a 2-core machine, a lot of it) and quantize every latency to the poll interval.
 * The consumer reads every partition from the end, outside any consumer group (no rebalance, no committed offsets
 * left behind), so what it measures is POST to the terminal event being published, which is the order's commit
 * plus the outbox relay: a few milliseconds later than a GET could first see the status.
 */
final class TerminalEvents implements AutoCloseable {

    static final String TOPIC = "orders.events";
    private static final Map<String, String> STATUS_OF_TYPE = Map.of(
            "dev.orderflow.order.OrderConfirmed.v1", "CONFIRMED",
            "dev.orderflow.order.OrderRejected.v1", "REJECTED",
            "dev.orderflow.order.OrderCancelled.v1", "CANCELLED");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** An order's end as the event says: status, reason (for REJECTED / CANCELLED) and when it was seen. */
    record Terminal(String status, String reason, long seenNanos) {

        String outcome() {
            return reason == null ? status : status + "/" + reason;
        }
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Terminal> byOrderId = new ConcurrentHashMap<>();
    private final Thread poller;
    private volatile boolean running = true;

    TerminalEvents(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "order-load-benchmark",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(TOPIC, info.partition())).toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException(TOPIC + " has no partitions on " + bootstrapServers);
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // Resolves the end offsets now, so that nothing published from here on is missed.
        partitions.forEach(consumer::position);
        poller = Thread.ofPlatform().name("terminal-events").daemon().start(this::poll);
    }

    Optional<Terminal> of(String orderId) {
        return Optional.ofNullable(byOrderId.get(orderId));
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    long seen = System.nanoTime();
                    String status = STATUS_OF_TYPE.get(header(record, "ce_type"));
                    if (status != null && record.key() != null) {
                        byOrderId.putIfAbsent(record.key(), new Terminal(status, reason(record.value()), seen));
                    }
                }
            }
        } catch (WakeupException closing) {
            // close() woke the poll up
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String reason(byte[] value) {
        try {
            JsonNode reason = JSON.readTree(value).path("reason");
            return reason.isMissingNode() || reason.isNull() ? null : reason.asString();
        } catch (RuntimeException unreadable) {
            return "UNREADABLE_EVENT";
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        poller.join(Duration.ofSeconds(10));
    }
}
