package dev.orderflow.systemtests.messages;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Headers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Reads the messages the services publish, live, and sends each again: at once as an exact duplicate (same
 * {@code ce_id}, same bytes) and as the same payload under a new {@code ce_id}; later, on demand, replays of
 * everything it saw in both forms. Copies go to the partition of the original, after it, as a redelivery would.
 *
 * <p>It reads outside any consumer group, so the services' groups never rebalance because of it, and copies only
 * the messages {@code ours} accepts (the orders of the test), leaving anything else on the topics alone.
 */
final class Redelivery implements AutoCloseable {

    /** One message as it was first published. */
    record Original(String topic, int partition, long offset, String key, byte[] value, Headers headers) {

        String id() {
            return Envelope.text(headers, Envelope.ID);
        }

        String type() {
            return Envelope.text(headers, Envelope.TYPE);
        }
    }

    /** How many copies of which kind went to each topic. */
    record Counts(Map<String, Integer> exact, Map<String, Integer> newId) {
    }

    private static final Duration GRACE = Duration.ofSeconds(10);

    private final Wire wire;
    private final Predicate<String> ours;
    private final KafkaConsumer<String, byte[]> reader;
    private final Thread poller;
    private final Set<String> copiedIds = ConcurrentHashMap.newKeySet();
    private final List<Original> originals = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Integer> exact = new ConcurrentHashMap<>();
    private final Map<String, Integer> newId = new ConcurrentHashMap<>();
    private final Set<String> newIds = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    /** Starts reading these topics from their current ends. */
    Redelivery(Wire wire, List<String> topics, Predicate<String> ours) {
        this.wire = wire;
        this.ours = ours;
        this.reader = wire.reader();
        Map<TopicPartition, Long> end = wire.endOffsets(topics);
        reader.assign(end.keySet());
        end.forEach(reader::seek);
        this.poller = Thread.ofPlatform().name("redelivery").daemon().start(this::copyLive);
    }

    private void copyLive() {
        // A message may come before the test learnt its order id from the POST: it waits here a little.
        List<ConsumerRecord<String, byte[]>> undecided = new ArrayList<>();
        try {
            while (running) {
                reader.poll(Duration.ofMillis(100)).forEach(undecided::add);
                long now = System.currentTimeMillis();
                undecided.removeIf(record -> {
                    String id = Envelope.text(record.headers(), Envelope.ID);
                    if (id == null || copiedIds.contains(id)) {
                        return true;
                    }
                    if (ours.test(record.key())) {
                        Original original = new Original(record.topic(), record.partition(), record.offset(),
                                record.key(), record.value(), Envelope.copy(record.headers()));
                        originals.add(original);
                        copiedIds.add(id);
                        sendExact(original);
                        sendWithNewId(original);
                        return true;
                    }
                    return now - record.timestamp() > GRACE.toMillis();
                });
            }
        } catch (WakeupException stopping) {
            // close() interrupts the poll
        } catch (RuntimeException failed) {
            failure = failed;
        }
    }

    /** Replays, in their original order, every message seen so far: each as it was, and under a new id. */
    void replayAll() {
        List<Original> seen;
        synchronized (originals) {
            seen = List.copyOf(originals);
        }
        seen.forEach(this::sendExact);
        seen.forEach(this::sendWithNewId);
        wire.flush();
    }

    List<Original> originals() {
        requireHealthy();
        synchronized (originals) {
            return List.copyOf(originals);
        }
    }

    /** The ids of the copies sent under a new id: each must be handled by its consumer (it is news to the inbox). */
    Set<String> newIds() {
        return new HashSet<>(newIds);
    }

    Counts counts() {
        requireHealthy();
        return new Counts(Map.copyOf(exact), Map.copyOf(newId));
    }

    private void sendExact(Original original) {
        wire.sendAsync(new ProducerRecord<>(original.topic(), original.partition(), original.key(), original.value(),
                Envelope.copy(original.headers())));
        exact.merge(original.topic(), 1, Integer::sum);
    }

    private void sendWithNewId(Original original) {
        String id = UUID.randomUUID().toString();
        copiedIds.add(id);
        newIds.add(id);
        wire.sendAsync(new ProducerRecord<>(original.topic(), original.partition(), original.key(), original.value(),
                Envelope.with(original.headers(), Envelope.ID, id)));
        newId.merge(original.topic(), 1, Integer::sum);
    }

    /** Stops copying live messages (what was sent stays sent). */
    void stopLive() {
        running = false;
        reader.wakeup();
        try {
            poller.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        wire.flush();
        requireHealthy();
    }

    private void requireHealthy() {
        if (failure != null) {
            throw new IllegalStateException("copying live messages failed", failure);
        }
    }

    @Override
    public void close() {
        if (running) {
            stopLive();
        }
        reader.close(Duration.ofSeconds(5));
    }
}
