package dev.orderflow.messaging;

import java.time.Instant;

/**
 * The CloudEvents envelope of a consumed message and where it was read from.
 *
 * @param id          {@code ce_id}: the message id, unique per message, the key of duplicate detection
 * @param type        {@code ce_type}, e.g. {@code dev.orderflow.order.OrderPlaced.v1}
 * @param source      {@code ce_source}, e.g. {@code /orderflow/order-service}
 * @param subject     {@code ce_subject}: the aggregate id, also the record key
 * @param time        {@code ce_time}: when the producer appended the message
 * @param sequence    {@code ce_sequence}: the aggregate version, if the producer gave one
 * @param correlationId the id shared by every message of one business flow (e.g. one order's saga)
 * @param causationId the id of the message whose handling produced this one, if any
 * @param traceparent the W3C trace context
 */
public record IncomingMessage(String id, String type, String source, String subject, Instant time, Long sequence,
        String correlationId, String causationId, String traceparent, String topic, int partition, long offset) {
}
