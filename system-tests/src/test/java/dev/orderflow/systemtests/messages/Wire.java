package dev.orderflow.systemtests.messages;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The test's own Kafka clients on the system's broker: a producer that writes straight to the topics, group-less
 * readers (no consumer group, no committed offsets left behind, no rebalance of the services' groups) and an
 * admin client for partitions, end offsets and the services' committed offsets.
 */
final class Wire implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final KafkaProducer<String, byte[]> producer;
    private final Admin admin;

    Wire(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.producer = producer(Map.of());
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "system-tests-messages-admin"));
    }

    /** A producer of String keys and raw values: records go out byte for byte as the test built them. */
    KafkaProducer<String, byte[]> producer(Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "system-tests-messages-" + overrides.hashCode(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000));
        config.putAll(overrides);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends and waits for the broker's acknowledgement: the record's offset. */
    RecordMetadata send(ProducerRecord<String, byte[]> record) {
        return await(producer.send(record));
    }

    /** Sends without waiting; {@link #flush()} waits for all. */
    void sendAsync(ProducerRecord<String, byte[]> record) {
        producer.send(record, (metadata, failed) -> {
            if (failed != null) {
                throw new IllegalStateException("could not send to " + record.topic(), failed);
            }
        });
    }

    void flush() {
        producer.flush();
    }

    static RecordMetadata await(java.util.concurrent.Future<RecordMetadata> send) {
        try {
            return send.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException failed) {
            throw new SendFailed(failed.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker did not acknowledge within " + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A send Kafka refused; the cause is Kafka's reason. */
    static final class SendFailed extends RuntimeException {
        SendFailed(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

    int partitions(String topic) {
        return producer.partitionsFor(topic).size();
    }

    /** The partition Kafka's default partitioner gives a key: murmur2 of its UTF-8 bytes, as every producer here does. */
    static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** A topic's {@code max.message.bytes}: the largest record batch the broker appends to it. */
    int maxMessageBytes(String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            ConfigEntry entry = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS)
                    .get(resource).get("max.message.bytes");
            return Integer.parseInt(entry.value());
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the configuration of " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** End offsets of every partition of these topics. */
    Map<TopicPartition, Long> endOffsets(Collection<String> topics) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (String topic : topics) {
            for (int p = 0; p < partitions(topic); p++) {
                request.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
        }
        try {
            return admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list the end offsets of " + topics, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The offsets a service's consumer group committed, per partition. */
    Map<TopicPartition, Long> committed(String group) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, Long> committed = new HashMap<>();
            offsets.forEach((partition, offset) -> {
                if (offset != null) {
                    committed.put(partition, offset.offset());
                }
            });
            return committed;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the offsets of group " + group, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Partitions where a group is behind: committed offset below the end. Empty for every group means every
     * message written so far was handled (or dead-lettered) and its offset committed.
     */
    Map<TopicPartition, String> lag(Map<String, String> groupOfTopic) {
        Map<TopicPartition, Long> end = endOffsets(groupOfTopic.keySet());
        Map<String, Map<TopicPartition, Long>> committed = groupOfTopic.values().stream().distinct()
                .collect(Collectors.toMap(Function.identity(), this::committed));
        Map<TopicPartition, String> behind = new HashMap<>();
        end.forEach((partition, endOffset) -> {
            String group = groupOfTopic.get(partition.topic());
            long at = committed.get(group).getOrDefault(partition, 0L);
            if (at < endOffset) {
                behind.put(partition, group + " at " + at + " of " + endOffset);
            }
        });
        return behind;
    }

    /** Every record from these positions up to the end offsets as they are now. */
    List<ConsumerRecord<String, byte[]>> readFrom(Map<TopicPartition, Long> from) {
        Set<TopicPartition> partitions = from.keySet();
        Map<TopicPartition, Long> end = endOffsets(partitions.stream().map(TopicPartition::topic)
                .collect(Collectors.toSet()));
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> reader = reader()) {
            reader.assign(partitions);
            from.forEach(reader::seek);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> reader.position(p) < end.getOrDefault(p, 0L))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("timed out reading " + partitions);
                }
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(200))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() < end.getOrDefault(partition, 0L)) {
                        records.add(record);
                    }
                }
            }
        }
        return records;
    }

    /** A consumer outside any group, reading only the partitions it is assigned. */
    KafkaConsumer<String, byte[]> reader() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "system-tests-messages-reader",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }
}
