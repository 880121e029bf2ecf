package dev.orderflow.events.order;

import dev.orderflow.events.RejectionReason;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The saga could not complete the order: it is REJECTED, for a reason, with any effects compensated. */
public record OrderRejected(UUID orderId, String customerId, RejectionReason reason, Instant occurredAt)
        implements OrderEvent {

    public static final String TYPE = "dev.orderflow.order.OrderRejected.v1";

    public OrderRejected {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
