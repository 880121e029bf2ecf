package dev.orderflow.payment.support;

import dev.orderflow.events.MessageCatalog;
import dev.orderflow.events.MessageType;
import dev.orderflow.events.Topics;
import dev.orderflow.events.payment.PaymentCommand;
import dev.orderflow.events.payment.PaymentEvent;
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
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Plays the saga against the real broker: sends commands to {@code payments.commands} as CloudEvents (so a test can
 * send one message id several times, as a redelivery would) and records every reply on {@code payments.events}.
 * One per test JVM, created once the application has declared its topics; tests pick their replies out by order id.
 */
public final class SagaSide {

    private static volatile SagaSide instance;

    private final KafkaProducer<String, byte[]> producer;
    private final List<Reply> replies = new CopyOnWriteArrayList<>();

    private SagaSide(String bootstrapServers) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "payment-it-saga-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // The application declares the topics; a test client must not create them with other partitions.
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1_000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        consumer.subscribe(List.of(Topics.PAYMENTS_EVENTS));
        Thread poller = Thread.ofPlatform().daemon().name("payment-it-replies").start(() -> poll(consumer));
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            consumer.wakeup();
            try {
                poller.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            producer.close(Duration.ofSeconds(5));
        }));
    }

    public static SagaSide get() {
        SagaSide current = instance;
        if (current == null) {
            synchronized (SagaSide.class) {
                current = instance;
                if (current == null) {
                    current = new SagaSide(RealInfrastructure.kafkaBootstrapServers());
                    instance = current;
                }
            }
        }
        return current;
    }

    /** Sends the command as a new message; returns its message id. */
    public String send(PaymentCommand command) {
        String messageId = UUID.randomUUID().toString();
        send(messageId, command);
        return messageId;
    }

    /** Sends the command under a given message id, e.g. again, as a broker redelivery would. */
    public void send(String messageId, PaymentCommand command) {
        try {
            producer.send(record(messageId, command)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not send " + command.getClass().getSimpleName(), e);
        }
    }

    /** Sends the command as a new message without waiting for the broker, for a burst of many commands. */
    public void sendAsync(PaymentCommand command) {
        producer.send(record(UUID.randomUUID().toString(), command));
    }

    private static ProducerRecord<String, byte[]> record(String messageId, PaymentCommand command) {
        MessageType type = MessageCatalog.of(command.getClass());
        String key = command.orderId().toString();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(type.topic(), key,
                MessageCodec.standard().encode(command));
        header(record, "ce_id", messageId);
        header(record, "ce_type", type.name());
        header(record, "ce_source", "/orderflow/payment-it");
        header(record, "ce_specversion", "1.0");
        header(record, "ce_time", Instant.now().toString());
        header(record, "ce_subject", key);
        header(record, "ce_correlationid", key);
        header(record, "content-type", "application/json");
        return record;
    }

    /** Every reply for the order so far, oldest first. */
    public List<PaymentEvent> repliesFor(UUID orderId) {
        String key = orderId.toString();
        return replies.stream().filter(reply -> reply.key().equals(key)).map(Reply::event).toList();
    }

    /** The only reply of a type for the order, if it came. */
    public <E extends PaymentEvent> Optional<E> reply(UUID orderId, Class<E> type) {
        List<E> matching = repliesFor(orderId).stream().filter(type::isInstance).map(type::cast).toList();
        if (matching.size() > 1) {
            throw new AssertionError("expected at most one " + type.getSimpleName() + " for order " + orderId
                    + " but got " + matching);
        }
        return matching.stream().findFirst();
    }

    private void poll(KafkaConsumer<String, byte[]> consumer) {
        try (consumer) {
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Header type = record.headers().lastHeader("ce_type");
                    if (type == null) {
                        continue;
                    }
                    MessageCatalog.byName(new String(type.value(), StandardCharsets.UTF_8))
                            .filter(known -> PaymentEvent.class.isAssignableFrom(known.payloadType()))
                            .ifPresent(known -> replies.add(new Reply(record.key(),
                                    (PaymentEvent) MessageCodec.standard().decode(record.value(), known.payloadType()))));
                }
            }
        } catch (WakeupException stopping) {
            // the JVM is shutting down
        }
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private record Reply(String key, PaymentEvent event) {
    }
}
