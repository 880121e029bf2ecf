package dev.orderflow.events.order;

import dev.orderflow.events.Money;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Stock is reserved and payment authorized: the order is CONFIRMED. */
public record OrderConfirmed(UUID orderId, String customerId, Money total, Instant occurredAt) implements OrderEvent {

    public static final String TYPE = "dev.orderflow.order.OrderConfirmed.v1";

    public OrderConfirmed {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
