package dev.orderflow.order.store;

import dev.orderflow.events.Money;
import dev.orderflow.events.RejectionReason;
import dev.orderflow.order.domain.Order;
import dev.orderflow.order.domain.OrderLine;
import dev.orderflow.order.domain.OrderStatus;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order as queries see it: a row of the projection, or an aggregate flattened the same way. */
public record OrderSummary(UUID id, String customerId, OrderStatus status, RejectionReason failureReason,
                           List<OrderLine> lines, Money total, Instant createdAt, Instant updatedAt, long version) {

    public OrderSummary {
        lines = List.copyOf(lines);
    }

    public static OrderSummary of(Order order) {
        return new OrderSummary(order.id(), order.customerId(), order.status(), order.failureReason(), order.lines(),
                order.total(), order.createdAt(), order.updatedAt(), order.version());
    }
}
