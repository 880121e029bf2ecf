package dev.orderflow.console.support;

import dev.orderflow.events.MessageCatalog;
import dev.orderflow.events.MessageType;
import dev.orderflow.events.Topics;
import dev.orderflow.events.wire.MessageCodec;
import dev.orderflow.localstack.RealInfrastructure;
import dev.orderflow.messaging.envelope.CloudEventHeaders;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.support.KafkaHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Publishes messages of the saga on their real topics as their producers would: CloudEvents binary mode, keyed by
 * order id, from the service that owns the topic. Message id and time are the caller's, to redeliver a message or to
 * send a saga's messages out of their order.
 */
public final class SagaTopicsProducer implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafkaBootstrapServers(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
            ProducerConfig.ACKS_CONFIG, "all"));

    /** Publishes {@code message} of order {@code orderId} written at {@code at}; returns its fresh message id. */
    public String publish(UUID orderId, Object message, Instant at) {
        String id = UUID.randomUUID().toString();
        publish(orderId, message, at, id);
        return id;
    }

    /** Publishes under the given message id and waits for the broker to acknowledge it. */
    public void publish(UUID orderId, Object message, Instant at, String messageId) {
        MessageType type = MessageCatalog.of(message.getClass());
        send(orderId, type, MessageCodec.standard().encode(message), at, messageId);
    }

    /** Publishes {@code value} as a message of {@code type}, whatever it holds (e.g. JSON that is not one). */
    public void publishRaw(UUID orderId, MessageType type, byte[] value) {
        send(orderId, type, value, Instant.now(), UUID.randomUUID().toString());
    }

    /**
     * Writes what a service's error handler writes to the dead-letter topic of {@code type}'s topic when it gives up
     * on a message: the message with its CloudEvents headers, plus the original topic, the consumer group and the
     * exception. Returns the message id.
     */
    public String publishDeadLetter(UUID orderId, MessageType type, String consumerGroup, String exception,
            String reason) {
        String messageId = UUID.randomUUID().toString();
        RecordHeaders headers = envelope(orderId, type, Instant.now(), messageId);
        header(headers, KafkaHeaders.DLT_ORIGINAL_TOPIC, type.topic());
        header(headers, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP, consumerGroup);
        header(headers, KafkaHeaders.DLT_EXCEPTION_FQCN, exception);
        header(headers, KafkaHeaders.DLT_EXCEPTION_MESSAGE, reason);
        var record = new ProducerRecord<>(Topics.deadLetter(type.topic()), null, orderId.toString(),
                "{\"not\": \"read\"}".getBytes(StandardCharsets.UTF_8), headers);
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not dead-letter a " + type.name(), e);
        }
        return messageId;
    }

    private void send(UUID orderId, MessageType type, byte[] value, Instant at, String messageId) {
        String key = orderId.toString();
        var record = new ProducerRecord<>(type.topic(), null, key, value, envelope(orderId, type, at, messageId));
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish a " + type.name(), e);
        }
    }

    private static RecordHeaders envelope(UUID orderId, MessageType type, Instant at, String messageId) {
        String key = orderId.toString();
        RecordHeaders headers = new RecordHeaders();
        header(headers, CloudEventHeaders.ID, messageId);
        header(headers, CloudEventHeaders.TYPE, type.name());
        header(headers, CloudEventHeaders.SOURCE, "/orderflow/" + owner(type.topic()));
        header(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        header(headers, CloudEventHeaders.TIME, at.toString());
        header(headers, CloudEventHeaders.SUBJECT, key);
        header(headers, CloudEventHeaders.CORRELATION_ID, key);
        header(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        header(headers, CloudEventHeaders.TRACEPARENT, "00-" + traceIdOf(orderId) + "-00f067aa0ba902b7-01");
        return headers;
    }

    /** The trace every message of the order is published in: one trace per order, as the services make it. */
    public static String traceIdOf(UUID orderId) {
        return orderId.toString().replace("-", "");
    }

    /** The saga's commands come from order-service, each reply from the service that owns its topic. */
    private static String owner(String topic) {
        return topic.startsWith("inventory.events") ? "inventory-service"
                : topic.startsWith("payments.events") ? "payment-service"
                : "order-service";
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close();
    }
}
