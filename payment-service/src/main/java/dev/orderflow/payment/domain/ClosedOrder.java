package dev.orderflow.payment.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An order whose refund arrived before any payment was taken (the saga gave up on it). Its authorization, should it
 * still arrive, is declined: the customer is never charged for an order that is already over.
 */
public class ClosedOrder {

    private final UUID orderId;
    private final String reason;
    private final Instant closedAt;

    public ClosedOrder(UUID orderId, String reason, Instant closedAt) {
        this.orderId = Objects.requireNonNull(orderId, "orderId");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.closedAt = Objects.requireNonNull(closedAt, "closedAt");
    }

    public UUID orderId() {
        return orderId;
    }

    public String reason() {
        return reason;
    }

    public Instant closedAt() {
        return closedAt;
    }
}
