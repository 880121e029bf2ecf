package dev.orderflow.payment.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * An order whose refund arrived before any payment was taken (the saga gave up on it). Its authorization, should it
 * still arrive, is declined: the customer is never charged for an order that is already over.
 */
@Entity
@Table(name = "closed_orders")
public class ClosedOrder {

    @Id
    @Column(name = "order_id")
    private UUID orderId;

    private String reason;

    @Column(name = "closed_at")
    private Instant closedAt;

    protected ClosedOrder() {
    }

    public ClosedOrder(UUID orderId, String reason, Instant closedAt) {
        this.orderId = orderId;
        this.reason = reason;
        this.closedAt = closedAt;
    }

    public UUID orderId() {
        return orderId;
    }

    public String reason() {
        return reason;
    }
}
