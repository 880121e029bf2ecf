package dev.orderflow.events.order;

import java.time.Instant;
import java.util.UUID;

/** What happened to an order: published on orders.events, keyed by order id, sequenced by order version. */
public sealed interface OrderEvent permits OrderPlaced, OrderConfirmed, OrderRejected, OrderCancelled {

    UUID orderId();

    String customerId();

    /** When it happened, as the order aggregate recorded it. */
    Instant occurredAt();
}
