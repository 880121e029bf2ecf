package dev.orderflow.messaging.envelope;

import dev.orderflow.messaging.IncomingMessage;
import dev.orderflow.messaging.OutgoingMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CloudEventHeadersTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private final OutgoingMessage message = new OutgoingMessage(
            UUID.fromString("6f1c1f0e-7c55-4a0e-9b8e-2a7f3c1d9e01"), "inventory.commands", "order-42",
            "dev.orderflow.inventory.ReserveStock.v1", "/orderflow/order-service",
            Instant.parse("2026-01-02T03:04:05.123456Z"), 7L, "order-42", "cause-1", TRACEPARENT,
            "{\"orderId\":\"x\"}".getBytes(StandardCharsets.UTF_8));

    @Test
    void writesTheCloudEventsBinaryModeHeaders() {
        ProducerRecord<String, byte[]> record = CloudEventHeaders.toRecord(message);

        assertThat(record.topic()).isEqualTo("inventory.commands");
        assertThat(record.key()).isEqualTo("order-42");
        assertThat(record.value()).isEqualTo(message.payload());
        Headers headers = record.headers();
        assertThat(header(headers, "ce_id")).isEqualTo("6f1c1f0e-7c55-4a0e-9b8e-2a7f3c1d9e01");
        assertThat(header(headers, "ce_type")).isEqualTo("dev.orderflow.inventory.ReserveStock.v1");
        assertThat(header(headers, "ce_source")).isEqualTo("/orderflow/order-service");
        assertThat(header(headers, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(headers, "ce_time")).isEqualTo("2026-01-02T03:04:05.123456Z");
        assertThat(header(headers, "ce_subject")).isEqualTo("order-42");
        assertThat(header(headers, "content-type")).isEqualTo("application/json");
        assertThat(header(headers, "ce_sequence")).isEqualTo("7");
        assertThat(header(headers, "ce_correlationid")).isEqualTo("order-42");
        assertThat(header(headers, "ce_causationid")).isEqualTo("cause-1");
        assertThat(header(headers, "traceparent")).isEqualTo(TRACEPARENT);
    }

    @Test
    void leavesOutOptionalAttributesThatAreAbsent() {
        OutgoingMessage first = new OutgoingMessage(message.id(), message.topic(), message.key(), message.type(),
                message.source(), message.time(), null, message.key(), null, TRACEPARENT, message.payload());

        Headers headers = CloudEventHeaders.toHeaders(first);

        assertThat(headers.lastHeader("ce_sequence")).isNull();
        assertThat(headers.lastHeader("ce_causationid")).isNull();
    }

    @Test
    void readsBackWhatItWrites() {
        IncomingMessage read = CloudEventHeaders.read(consumed(CloudEventHeaders.toHeaders(message), "order-42"));

        assertThat(read).isEqualTo(new IncomingMessage("6f1c1f0e-7c55-4a0e-9b8e-2a7f3c1d9e01",
                "dev.orderflow.inventory.ReserveStock.v1", "/orderflow/order-service", "order-42",
                Instant.parse("2026-01-02T03:04:05.123456Z"), 7L, "order-42", "cause-1", TRACEPARENT,
                "inventory.commands", 3, 99L));
    }

    @Test
    void toleratesMissingOptionalAttributes() {
        Headers headers = minimal();

        IncomingMessage read = CloudEventHeaders.read(consumed(headers, "sku-1"));

        assertThat(read.subject()).as("subject falls back to the record key").isEqualTo("sku-1");
        assertThat(read.correlationId()).as("correlation falls back to the subject").isEqualTo("sku-1");
        assertThat(read.time()).isNull();
        assertThat(read.sequence()).isNull();
        assertThat(read.causationId()).isNull();
        assertThat(read.traceparent()).isNull();
    }

    @Test
    void readsTimesWithAnOffset() {
        Headers headers = minimal();
        headers.add("ce_time", bytes("2026-01-02T05:04:05+02:00"));

        assertThat(CloudEventHeaders.read(consumed(headers, "k")).time()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
    }

    @Test
    void dropsAnInvalidTraceparentRatherThanTheMessage() {
        Headers headers = minimal();
        headers.add("traceparent", bytes("not-a-trace"));

        assertThat(CloudEventHeaders.read(consumed(headers, "k")).traceparent()).isNull();
    }

    @Test
    void rejectsARecordWithoutAnId() {
        Headers headers = minimal();
        headers.remove("ce_id");

        assertThatExceptionOfType(InvalidEnvelopeException.class)
                .isThrownBy(() -> CloudEventHeaders.read(consumed(headers, "k")))
                .withMessageContaining("ce_id");
    }

    @Test
    void rejectsARecordWithoutAType() {
        Headers headers = minimal();
        headers.remove("ce_type");

        assertThatExceptionOfType(InvalidEnvelopeException.class)
                .isThrownBy(() -> CloudEventHeaders.read(consumed(headers, "k")))
                .withMessageContaining("ce_type");
    }

    @Test
    void rejectsAnotherSpecVersion() {
        Headers headers = minimal();
        headers.add("ce_specversion", bytes("0.3"));

        assertThatExceptionOfType(InvalidEnvelopeException.class)
                .isThrownBy(() -> CloudEventHeaders.read(consumed(headers, "k")))
                .withMessageContaining("0.3");
    }

    @Test
    void rejectsAPayloadThatIsNotJson() {
        Headers headers = minimal();
        headers.add("content-type", bytes("application/avro"));

        assertThatExceptionOfType(InvalidEnvelopeException.class)
                .isThrownBy(() -> CloudEventHeaders.read(consumed(headers, "k")));
    }

    @Test
    void acceptsJsonWithACharset() {
        Headers headers = minimal();
        headers.add("content-type", bytes("application/json; charset=utf-8"));

        assertThat(CloudEventHeaders.read(consumed(headers, "k")).id()).isEqualTo("id-1");
    }

    @Test
    void rejectsAnInvalidTimeOrSequence() {
        Headers badTime = minimal();
        badTime.add("ce_time", bytes("yesterday"));
        Headers badSequence = minimal();
        badSequence.add("ce_sequence", bytes("seven"));

        assertThatExceptionOfType(InvalidEnvelopeException.class)
                .isThrownBy(() -> CloudEventHeaders.read(consumed(badTime, "k")));
        assertThatExceptionOfType(InvalidEnvelopeException.class)
                .isThrownBy(() -> CloudEventHeaders.read(consumed(badSequence, "k")));
    }

    private static Headers minimal() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_id", bytes("id-1"));
        headers.add("ce_type", bytes("dev.orderflow.inventory.ProductUpdated.v1"));
        headers.add("ce_source", bytes("/orderflow/inventory-service"));
        headers.add("ce_specversion", bytes("1.0"));
        return headers;
    }

    private static ConsumerRecord<String, byte[]> consumed(Headers headers, String key) {
        return new ConsumerRecord<>("inventory.commands", 3, 99L, 0L, TimestampType.CREATE_TIME, 0, 0, key,
                new byte[0], headers, Optional.empty());
    }

    private static String header(Headers headers, String name) {
        return CloudEventHeaders.last(headers, name);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
