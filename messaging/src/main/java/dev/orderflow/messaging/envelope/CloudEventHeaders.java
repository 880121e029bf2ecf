package dev.orderflow.messaging.envelope;

import dev.orderflow.messaging.IncomingMessage;
import dev.orderflow.messaging.OutgoingMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * CloudEvents 1.0 in Kafka binary mode: the attributes travel as {@code ce_*} headers, the payload is the record
 * value as plain JSON, and the record key is the subject (the aggregate id).
 */
public final class CloudEventHeaders {

    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String SEQUENCE = "ce_sequence";
    public static final String CORRELATION_ID = "ce_correlationid";
    public static final String CAUSATION_ID = "ce_causationid";
    public static final String TRACEPARENT = "traceparent";
    public static final String CONTENT_TYPE = "content-type";

    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }

    /** The record the relay publishes for an outbox message. */
    public static ProducerRecord<String, byte[]> toRecord(OutgoingMessage message) {
        return new ProducerRecord<>(message.topic(), null, message.key(), message.payload(), toHeaders(message));
    }

    public static Headers toHeaders(OutgoingMessage message) {
        RecordHeaders headers = new RecordHeaders();
        put(headers, ID, message.id().toString());
        put(headers, TYPE, message.type());
        put(headers, SOURCE, message.source());
        put(headers, SPEC_VERSION, SPEC_VERSION_1_0);
        put(headers, TIME, message.time().toString());
        put(headers, SUBJECT, message.key());
        put(headers, CONTENT_TYPE, JSON);
        if (message.sequence() != null) {
            put(headers, SEQUENCE, message.sequence().toString());
        }
        put(headers, CORRELATION_ID, message.correlationId());
        if (message.causationId() != null) {
            put(headers, CAUSATION_ID, message.causationId());
        }
        put(headers, TRACEPARENT, message.traceparent());
        return headers;
    }

    /**
     * Reads the envelope of a consumed record.
     *
     * <p>Required: {@code ce_id}, {@code ce_type}, {@code ce_source} and {@code ce_specversion} 1.0, as CloudEvents
     * requires, and a JSON content type if one is given. Optional attributes are read tolerantly where that loses
     * nothing (no subject: the record key; no correlation id: the subject), but an attribute that is present must
     * be valid, since a wrong time or sequence would mislead the handler.
     *
     * @throws InvalidEnvelopeException if the record is not a CloudEvent orderflow can handle
     */
    public static IncomingMessage read(ConsumerRecord<String, byte[]> record) {
        Headers headers = record.headers();
        String specVersion = required(headers, SPEC_VERSION);
        if (!SPEC_VERSION_1_0.equals(specVersion)) {
            throw new InvalidEnvelopeException("unsupported CloudEvents spec version " + specVersion);
        }
        String id = required(headers, ID);
        String type = required(headers, TYPE);
        String source = required(headers, SOURCE);
        String contentType = last(headers, CONTENT_TYPE);
        if (contentType != null && !isJson(contentType)) {
            throw new InvalidEnvelopeException("content type " + contentType + " is not " + JSON);
        }
        String subject = orElse(last(headers, SUBJECT), record.key());
        Instant time = time(last(headers, TIME));
        Long sequence = sequence(last(headers, SEQUENCE));
        String correlationId = orElse(last(headers, CORRELATION_ID), orElse(subject, id));
        String causationId = last(headers, CAUSATION_ID);
        String traceparent = Traceparent.parse(last(headers, TRACEPARENT)).map(Traceparent::toString).orElse(null);
        return new IncomingMessage(id, type, source, subject, time, sequence, correlationId, causationId, traceparent,
                record.topic(), record.partition(), record.offset());
    }

    /** The last value of a header as UTF-8 text, or null if absent. */
    public static String last(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            return null;
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void put(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String required(Headers headers, String name) {
        String value = last(headers, name);
        if (value == null || value.isBlank()) {
            throw new InvalidEnvelopeException("missing CloudEvents header " + name);
        }
        return value;
    }

    private static boolean isJson(String contentType) {
        String mediaType = contentType.split(";", 2)[0].strip().toLowerCase();
        return mediaType.equals(JSON);
    }

    private static Instant time(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidEnvelopeException("ce_time is not an RFC 3339 timestamp: " + value);
        }
    }

    private static Long sequence(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidEnvelopeException("ce_sequence is not an integer: " + value);
        }
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
