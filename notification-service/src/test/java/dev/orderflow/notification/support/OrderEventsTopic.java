package dev.orderflow.notification.support;

import dev.orderflow.events.MessageCatalog;
import dev.orderflow.events.Topics;
import dev.orderflow.events.order.OrderEvent;
import dev.orderflow.events.wire.MessageCodec;
import dev.orderflow.localstack.RealInfrastructure;
import dev.orderflow.messaging.envelope.CloudEventHeaders;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Publishes order events on the real {@code orders.events} topic as order-service would: CloudEvents binary mode,
 * keyed by order id. The message id is the caller's, to redeliver a message or replay an event under a new id.
 */
public final class OrderEventsTopic implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafkaBootstrapServers(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
            ProducerConfig.ACKS_CONFIG, "all"));

    /** Publishes the event under a fresh message id and returns that id. */
    public String publish(OrderEvent event, long sequence) {
        String id = UUID.randomUUID().toString();
        publish(event, sequence, id);
        return id;
    }

    /** Publishes the event under the given message id and waits for the broker to acknowledge it. */
    public void publish(OrderEvent event, long sequence, String messageId) {
        String key = event.orderId().toString();
        RecordHeaders headers = new RecordHeaders();
        header(headers, CloudEventHeaders.ID, messageId);
        header(headers, CloudEventHeaders.TYPE, MessageCatalog.of(event.getClass()).name());
        header(headers, CloudEventHeaders.SOURCE, "/orderflow/order-service");
        header(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        header(headers, CloudEventHeaders.TIME, Instant.now().toString());
        header(headers, CloudEventHeaders.SUBJECT, key);
        header(headers, CloudEventHeaders.SEQUENCE, Long.toString(sequence));
        header(headers, CloudEventHeaders.CORRELATION_ID, key);
        header(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        var record = new ProducerRecord<>(Topics.ORDERS_EVENTS, null, key, MessageCodec.standard().encode(event), headers);
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + event, e);
        }
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close();
    }
}
