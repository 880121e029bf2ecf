package dev.orderflow.events.order;

import dev.orderflow.events.RejectionReason;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The customer cancelled a PENDING or CONFIRMED order: it is CANCELLED and its effects are compensated. */
public record OrderCancelled(UUID orderId, String customerId, RejectionReason reason, Instant occurredAt)
        implements OrderEvent {

    public static final String TYPE = "dev.orderflow.order.OrderCancelled.v1";

    public OrderCancelled {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
