package dev.orderflow.systemtests.messages;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The CloudEvents envelope of docs/contract.md section 3.2 (Kafka binary mode) as a test writes it, and the headers
 * spring-kafka's dead-letter publishing adds. Spelled out here rather than borrowed from messaging's classes: the
 * header names are the contract under test.
 */
final class Envelope {

    static final String ID = "ce_id";
    static final String TYPE = "ce_type";
    static final String SOURCE = "ce_source";
    static final String SPEC_VERSION = "ce_specversion";
    static final String TIME = "ce_time";
    static final String SUBJECT = "ce_subject";
    static final String SEQUENCE = "ce_sequence";
    static final String CORRELATION_ID = "ce_correlationid";
    static final String CONTENT_TYPE = "content-type";

    static final String DLT_ORIGINAL_TOPIC = "kafka_dlt-original-topic";
    static final String DLT_ORIGINAL_PARTITION = "kafka_dlt-original-partition";
    static final String DLT_ORIGINAL_OFFSET = "kafka_dlt-original-offset";
    static final String DLT_EXCEPTION_FQCN = "kafka_dlt-exception-fqcn";
    static final String DLT_EXCEPTION_CAUSE_FQCN = "kafka_dlt-exception-cause-fqcn";
    static final String DLT_EXCEPTION_MESSAGE = "kafka_dlt-exception-message";
    static final String DLT_EXCEPTION_STACKTRACE = "kafka_dlt-exception-stacktrace";

    private Envelope() {
    }

    /** A complete, valid envelope for a message of this type about this subject, with a fresh id. */
    static RecordHeaders valid(String type, String subject) {
        RecordHeaders headers = new RecordHeaders();
        put(headers, ID, UUID.randomUUID().toString());
        put(headers, TYPE, type);
        put(headers, SOURCE, "/orderflow/system-tests");
        put(headers, SPEC_VERSION, "1.0");
        put(headers, TIME, Instant.now().toString());
        put(headers, SUBJECT, subject);
        put(headers, CONTENT_TYPE, "application/json");
        put(headers, CORRELATION_ID, subject);
        return headers;
    }

    /** A copy with one header replaced, or removed when {@code value} is null. */
    static RecordHeaders with(Headers headers, String name, String value) {
        RecordHeaders copy = new RecordHeaders();
        for (Header header : headers) {
            if (!header.key().equals(name)) {
                copy.add(header);
            }
        }
        if (value != null) {
            put(copy, name, value);
        }
        return copy;
    }

    static RecordHeaders copy(Headers headers) {
        return new RecordHeaders(headers.toArray());
    }

    static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static Integer intHeader(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value().length != Integer.BYTES ? null : ByteBuffer.wrap(header.value()).getInt();
    }

    static Long longHeader(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value().length != Long.BYTES ? null : ByteBuffer.wrap(header.value()).getLong();
    }

    private static void put(Headers headers, String name, String value) {
        headers.add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }
}
