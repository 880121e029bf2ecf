package dev.orderflow.messaging.deadletter;

import dev.orderflow.events.Topics;
import dev.orderflow.messaging.envelope.CloudEventHeaders;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.support.KafkaHeaders;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Lists the messages in the dead-letter topics of the consumed topics and replays them.
 *
 * <p>A replay re-publishes the record to its original topic with its original key, value and CloudEvents headers
 * (so the same {@code ce_id}: a consumer that handled it in the meantime skips it as a duplicate) and without the
 * headers the dead-lettering added. Replays are recorded, so "replay all" replays only what was never replayed.
 */
public class DeadLetters {

    private static final String DEAD_LETTER_HEADER_PREFIX = "kafka_dlt-";

    private final Map<String, Object> readerConfig;
    private final Supplier<? extends Producer<String, byte[]>> producer;
    private final JdbcTemplate jdbc;
    private final List<String> deadLetterTopics;
    private final Duration timeout;

    /**
     * @param readerConfig     settings of a group-less consumer
     * @param producer         the producer replays are sent with (shared, not closed here)
     * @param deadLetterTopics the dead-letter topics this service owns, those of the topics it consumes
     */
    public DeadLetters(Map<String, Object> readerConfig, Supplier<? extends Producer<String, byte[]>> producer,
            JdbcTemplate jdbc, Collection<String> deadLetterTopics, Duration timeout) {
        this.readerConfig = Map.copyOf(readerConfig);
        this.producer = producer;
        this.jdbc = jdbc;
        this.deadLetterTopics = List.copyOf(deadLetterTopics);
        this.timeout = timeout;
    }

    public List<String> topics() {
        return deadLetterTopics;
    }

    /** Every message currently in {@code deadLetterTopic}, oldest first per partition. */
    public List<DeadLetter> list(String deadLetterTopic) {
        requireKnown(deadLetterTopic);
        List<DeadLetter> letters = new ArrayList<>();
        Map<String, Instant> replays = replays(deadLetterTopic);
        for (ConsumerRecord<String, byte[]> record : readAll(deadLetterTopic)) {
            letters.add(describe(record, replays.get(record.partition() + ":" + record.offset())));
        }
        return letters;
    }

    /** Replays one message, found by partition and offset, whether or not it was replayed before. */
    public ReplayReport replay(String deadLetterTopic, int partition, long offset, boolean dryRun) {
        requireKnown(deadLetterTopic);
        ConsumerRecord<String, byte[]> record = readOne(deadLetterTopic, partition, offset)
                .orElseThrow(() -> new IllegalArgumentException("no dead letter at " + deadLetterTopic + "/"
                        + partition + "@" + offset));
        Map<String, Instant> replays = replays(deadLetterTopic);
        DeadLetter letter = describe(record, replays.get(partition + ":" + offset));
        if (!dryRun) {
            republish(List.of(record));
        }
        return new ReplayReport(deadLetterTopic, dryRun, List.of(letter));
    }

    /** Replays every message of {@code deadLetterTopic} that was never replayed. */
    public ReplayReport replayAll(String deadLetterTopic, boolean dryRun) {
        requireKnown(deadLetterTopic);
        Map<String, Instant> replays = replays(deadLetterTopic);
        List<ConsumerRecord<String, byte[]>> pending = readAll(deadLetterTopic).stream()
                .filter(record -> !replays.containsKey(record.partition() + ":" + record.offset()))
                .toList();
        List<DeadLetter> letters = pending.stream().map(record -> describe(record, null)).toList();
        if (!dryRun) {
            republish(pending);
        }
        return new ReplayReport(deadLetterTopic, dryRun, letters);
    }

    private void republish(List<ConsumerRecord<String, byte[]>> records) {
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            sends.add(producer.get().send(original(record)));
        }
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, byte[]> record = records.get(i);
            await(sends.get(i));
            jdbc.update("""
                    insert into messaging.dead_letter_replay (dead_letter_topic, partition, record_offset, message_id,
                                                              replayed_at)
                    values (?, ?, ?, ?, ?)
                    on conflict (dead_letter_topic, partition, record_offset)
                    do update set replayed_at = excluded.replayed_at""",
                    record.topic(), record.partition(), record.offset(),
                    CloudEventHeaders.last(record.headers(), CloudEventHeaders.ID), Timestamp.from(Instant.now()));
        }
    }

    private static ProducerRecord<String, byte[]> original(ConsumerRecord<String, byte[]> record) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith(DEAD_LETTER_HEADER_PREFIX)) {
                headers.add(header);
            }
        }
        return new ProducerRecord<>(originalTopic(record), null, record.key(), record.value(), headers);
    }

    static String originalTopic(ConsumerRecord<String, byte[]> record) {
        String recorded = CloudEventHeaders.last(record.headers(), KafkaHeaders.DLT_ORIGINAL_TOPIC);
        return recorded != null ? recorded : Topics.ofDeadLetter(record.topic());
    }

    private static DeadLetter describe(ConsumerRecord<String, byte[]> record, Instant replayedAt) {
        return DeadLetter.of(record).replayedAt(replayedAt);
    }

    private Map<String, Instant> replays(String deadLetterTopic) {
        Map<String, Instant> replays = new HashMap<>();
        jdbc.query("select partition, record_offset, replayed_at from messaging.dead_letter_replay "
                        + "where dead_letter_topic = ?",
                rs -> {
                    replays.put(rs.getInt(1) + ":" + rs.getLong(2), rs.getTimestamp(3).toInstant());
                }, deadLetterTopic);
        return replays;
    }

    private List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        try (Consumer<String, byte[]> consumer = reader()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, timeout)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reachedEnd(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("timed out reading " + topic);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        records.add(record);
                    }
                }
            }
            return records;
        }
    }

    private Optional<ConsumerRecord<String, byte[]>> readOne(String topic, int partition, long offset) {
        try (Consumer<String, byte[]> consumer = reader()) {
            TopicPartition topicPartition = new TopicPartition(topic, partition);
            if (consumer.partitionsFor(topic, timeout).stream().noneMatch(info -> info.partition() == partition)) {
                return Optional.empty();
            }
            consumer.assign(List.of(topicPartition));
            long end = consumer.endOffsets(List.of(topicPartition), timeout).get(topicPartition);
            if (offset < 0 || offset >= end) {
                return Optional.empty();
            }
            consumer.seek(topicPartition, offset);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && consumer.position(topicPartition, timeout) < end) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() == offset) {
                        return Optional.of(record);
                    }
                }
            }
            return Optional.empty();
        }
    }

    private static boolean reachedEnd(Consumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(entry -> consumer.position(entry.getKey()) >= entry.getValue());
    }

    private Consumer<String, byte[]> reader() {
        return new KafkaConsumer<>(readerConfig, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private void requireKnown(String deadLetterTopic) {
        if (!deadLetterTopics.contains(deadLetterTopic)) {
            throw new IllegalArgumentException("not a dead-letter topic of this service: " + deadLetterTopic
                    + " (known: " + deadLetterTopics + ")");
        }
    }

    private void await(Future<RecordMetadata> send) {
        try {
            send.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("replay not acknowledged by Kafka: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying", e);
        }
    }
}
