package dev.orderflow.events.order;

import dev.orderflow.events.Money;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** A customer placed an order; it is PENDING until the saga confirms or rejects it. */
public record OrderPlaced(UUID orderId, String customerId, List<Line> lines, Money total, Instant occurredAt)
        implements OrderEvent {

    public static final String TYPE = "dev.orderflow.order.OrderPlaced.v1";

    public OrderPlaced {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(occurredAt, "occurredAt");
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("an order has at least one line");
        }
    }

    /** One line of the order, priced from the catalog when it was placed. */
    public record Line(String sku, int quantity, Money unitPrice) {
        public Line {
            Objects.requireNonNull(sku, "sku");
            Objects.requireNonNull(unitPrice, "unitPrice");
            if (quantity < 1) {
                throw new IllegalArgumentException("quantity must be positive: " + quantity);
            }
        }
    }
}
