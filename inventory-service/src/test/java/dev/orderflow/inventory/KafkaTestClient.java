package dev.orderflow.inventory;

import dev.orderflow.events.MessageCatalog;
import dev.orderflow.events.wire.MessageCodec;
import dev.orderflow.localstack.RealInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Plain Kafka clients speaking the CloudEvents wire format, as another service would. */
public final class KafkaTestClient {

    private KafkaTestClient() {
    }

    /** Sends {@code payload} as the saga would, with the given message id; waits for the broker's ack. */
    public static void send(String key, String messageId, Object payload) {
        var type = MessageCatalog.of(payload.getClass());
        var record = new ProducerRecord<>(type.topic(), key, MessageCodec.standard().encode(payload));
        header(record, "ce_id", messageId);
        header(record, "ce_type", type.name());
        header(record, "ce_source", "/orderflow/inventory-service-tests");
        header(record, "ce_specversion", "1.0");
        header(record, "ce_time", Instant.now().toString());
        header(record, "ce_subject", key);
        header(record, "ce_correlationid", key);
        header(record, "content-type", "application/json");
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + type.topic(), e);
        }
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Reads every partition of a topic from its beginning (no consumer group, so no rebalance to wait for). */
    public static final class TopicProbe implements AutoCloseable {

        private final String topic;
        private final KafkaConsumer<String, byte[]> consumer;
        private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

        public TopicProbe(String topic) {
            this.topic = topic;
            consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafkaBootstrapServers(),
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        }

        /** Every record with this key seen so far, after one more poll. */
        public List<ConsumerRecord<String, byte[]>> withKey(String key) {
            if (consumer.assignment().isEmpty()) {
                // Assigned on first use, once the service has declared the topic with all its partitions.
                consumer.assign(consumer.partitionsFor(topic).stream()
                        .map(partition -> new TopicPartition(topic, partition.partition()))
                        .toList());
                consumer.seekToBeginning(consumer.assignment());
            }
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            return seen.stream().filter(record -> key.equals(record.key())).toList();
        }

        /** The payloads of the records with this key, decoded as their ce_type says. */
        public List<Object> payloads(String key) {
            return withKey(key).stream().map(TopicProbe::decode).toList();
        }

        private static Object decode(ConsumerRecord<String, byte[]> record) {
            var type = MessageCatalog.byName(header(record, "ce_type")).orElseThrow();
            return MessageCodec.standard().decode(record.value(), type.payloadType());
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
