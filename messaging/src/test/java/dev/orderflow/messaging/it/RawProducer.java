package dev.orderflow.messaging.it;

import dev.orderflow.events.MessageCatalog;
import dev.orderflow.events.MessageType;
import dev.orderflow.events.wire.MessageCodec;
import dev.orderflow.localstack.RealInfrastructure;
import dev.orderflow.messaging.envelope.CloudEventHeaders;
import dev.orderflow.messaging.envelope.Traceparent;
import dev.orderflow.messaging.OutgoingMessage;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Produces records straight to Kafka, bypassing the outbox: duplicates, foreign types, garbage. */
final class RawProducer implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafkaBootstrapServers(),
            ProducerConfig.ACKS_CONFIG, "all"),
            new StringSerializer(), new ByteArraySerializer());

    /** The record the relay would publish for {@code payload}. */
    static ProducerRecord<String, byte[]> cloudEvent(String key, Object payload) {
        MessageType type = MessageCatalog.of(payload.getClass());
        return CloudEventHeaders.toRecord(new OutgoingMessage(UUID.randomUUID(), type.topic(), key, type.name(),
                "/orderflow/raw-test", Instant.now(), null, key, null, Traceparent.newTrace().toString(),
                MessageCodec.standard().encode(payload)));
    }

    RecordMetadata send(ProducerRecord<String, byte[]> record) {
        try {
            return producer.send(record).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not produce to " + record.topic(), e);
        }
    }

    /** Sends the records back to back (one burst the consumer is likely to poll at once) and awaits them all. */
    void sendAll(List<ProducerRecord<String, byte[]>> records) {
        List<Future<RecordMetadata>> sends = records.stream().map(producer::send).toList();
        producer.flush();
        for (Future<RecordMetadata> send : sends) {
            try {
                send.get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("could not produce a burst of " + records.size(), e);
            }
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
