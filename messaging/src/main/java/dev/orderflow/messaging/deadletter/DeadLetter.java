package dev.orderflow.messaging.deadletter;

import dev.orderflow.messaging.envelope.CloudEventHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.support.KafkaHeaders;

import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * A message in a dead-letter topic, as an operator sees it before deciding to replay it.
 *
 * @param consumerGroup the consumer group (the service) that dead-lettered it, which replays it
 * @param reason        why it was dead-lettered: the exception class and message recorded with it
 * @param replayedAt    when an operator last replayed it, null if never
 */
public record DeadLetter(String topic, int partition, long offset, String key, String id, String type,
        String originalTopic, Integer originalPartition, Long originalOffset, String consumerGroup, String reason,
        Instant deadLetteredAt, Instant replayedAt) {

    /** What a record of a dead-letter topic says of itself: its CloudEvents headers and those dead-lettering added. */
    public static DeadLetter of(ConsumerRecord<String, byte[]> record) {
        var headers = record.headers();
        String exception = CloudEventHeaders.last(headers, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN);
        if (exception == null) {
            exception = CloudEventHeaders.last(headers, KafkaHeaders.DLT_EXCEPTION_FQCN);
        }
        String message = CloudEventHeaders.last(headers, KafkaHeaders.DLT_EXCEPTION_MESSAGE);
        String reason = exception == null ? message : message == null ? exception : exception + ": " + message;
        return new DeadLetter(record.topic(), record.partition(), record.offset(), record.key(),
                CloudEventHeaders.last(headers, CloudEventHeaders.ID),
                CloudEventHeaders.last(headers, CloudEventHeaders.TYPE),
                DeadLetters.originalTopic(record),
                intHeader(record, KafkaHeaders.DLT_ORIGINAL_PARTITION),
                longHeader(record, KafkaHeaders.DLT_ORIGINAL_OFFSET),
                CloudEventHeaders.last(headers, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP),
                reason,
                Instant.ofEpochMilli(record.timestamp()),
                null);
    }

    /** This dead letter, replayed at {@code when} (or never, for null). */
    public DeadLetter replayedAt(Instant when) {
        return new DeadLetter(topic, partition, offset, key, id, type, originalTopic, originalPartition,
                originalOffset, consumerGroup, reason, deadLetteredAt, when);
    }

    private static Integer intHeader(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value().length != Integer.BYTES ? null : ByteBuffer.wrap(header.value()).getInt();
    }

    private static Long longHeader(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value().length != Long.BYTES ? null : ByteBuffer.wrap(header.value()).getLong();
    }
}
