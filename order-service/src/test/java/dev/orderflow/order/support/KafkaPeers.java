package dev.orderflow.order.support;

import dev.orderflow.events.MessageCatalog;
import dev.orderflow.events.MessageType;
import dev.orderflow.events.Topics;
import dev.orderflow.events.wire.MessageCodec;
import dev.orderflow.localstack.RealInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Plays inventory-service and payment-service on the real broker: publishes their messages as they would (CloudEvents
 * binary mode, keyed by aggregate id) with a plain Kafka producer, and records what order-service sends them and
 * what it publishes on {@code orders.events}. One per test JVM, like the broker.
 */
public final class KafkaPeers {

    private static final MessageCodec CODEC = MessageCodec.standard();
    private static volatile KafkaPeers instance;

    private final KafkaProducer<String, byte[]> producer;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final KafkaConsumer<String, byte[]> consumer;

    private KafkaPeers(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "order-service-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        consumer.subscribe(List.of(Topics.INVENTORY_COMMANDS, Topics.PAYMENTS_COMMANDS, Topics.ORDERS_EVENTS));
        Thread poller = new Thread(this::poll, "kafka-peers");
        poller.setDaemon(true);
        poller.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            consumer.wakeup();
            producer.close(Duration.ofSeconds(1));
        }));
    }

    /** The peers, connected to the shared broker (call once the service's context, which declares topics, is up). */
    public static KafkaPeers get() {
        if (instance == null) {
            synchronized (KafkaPeers.class) {
                if (instance == null) {
                    instance = new KafkaPeers(RealInfrastructure.kafkaBootstrapServers());
                }
            }
        }
        return instance;
    }

    /** Publishes a message of the contracts under a fresh id; answers the id. */
    public String publish(String key, Long sequence, Object payload) {
        String id = UUID.randomUUID().toString();
        publish(id, key, sequence, payload);
        return id;
    }

    /** Publishes a message with this id: publishing one id twice is a redelivery. */
    public void publish(String messageId, String key, Long sequence, Object payload) {
        MessageType type = MessageCatalog.of(payload.getClass());
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(type.topic(), key, CODEC.encode(payload));
        header(record, "ce_id", messageId);
        header(record, "ce_type", type.name());
        header(record, "ce_source", "/orderflow/order-service-it");
        header(record, "ce_specversion", "1.0");
        header(record, "ce_time", Instant.now().toString());
        header(record, "ce_subject", key);
        header(record, "content-type", "application/json");
        if (sequence != null) {
            header(record, "ce_sequence", sequence.toString());
        }
        try {
            producer.send(record).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + type.name(), e);
        }
    }

    /** The commands order-service sent for this order (to inventory and payment), in the order they arrived. */
    public List<Object> commandsFor(UUID orderId) {
        return received.stream()
                .filter(message -> !message.topic().equals(Topics.ORDERS_EVENTS))
                .filter(message -> message.key().equals(orderId.toString()))
                .map(Received::payload)
                .toList();
    }

    /** The events order-service published on {@code orders.events} for this order. */
    public List<Received> orderEventsFor(UUID orderId) {
        return received.stream()
                .filter(message -> message.topic().equals(Topics.ORDERS_EVENTS))
                .filter(message -> message.key().equals(orderId.toString()))
                .toList();
    }

    private void poll() {
        try {
            while (true) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    String type = text(record.headers().lastHeader("ce_type"));
                    String sequence = text(record.headers().lastHeader("ce_sequence"));
                    Object payload = MessageCatalog.byName(type)
                            .<Object>map(known -> CODEC.decode(record.value(), known.payloadType()))
                            .orElse(null);
                    received.add(new Received(record.topic(), record.key(), type,
                            sequence == null ? null : Long.valueOf(sequence), payload));
                }
            }
        } catch (WakeupException e) {
            consumer.close(Duration.ofSeconds(1));
        }
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(Header header) {
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** A message order-service published. */
    public record Received(String topic, String key, String type, Long sequence, Object payload) {
    }
}
