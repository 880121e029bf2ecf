package dev.orderflow.messaging;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A message as the outbox stores it: the CloudEvents attributes, the record key and the JSON payload. */
public record OutgoingMessage(UUID id, String topic, String key, String type, String source, Instant time,
        Long sequence, String correlationId, String causationId, String traceparent, byte[] payload) {

    public OutgoingMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(traceparent, "traceparent");
        Objects.requireNonNull(payload, "payload");
    }
}
