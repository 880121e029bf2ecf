package dev.orderflow.order.web;

import dev.orderflow.events.Money;
import dev.orderflow.events.RejectionReason;
import dev.orderflow.order.domain.OrderStatus;
import dev.orderflow.order.store.OrderSummary;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order as the API shows it; amounts are decimal strings so no client parses money as a float. */
public record OrderResponse(UUID id, String customerId, OrderStatus status, RejectionReason failureReason,
                            List<Item> items, Amount total, Instant createdAt, Instant updatedAt, long version) {

    public record Item(String sku, int quantity, Amount unitPrice) {
    }

    public record Amount(String amount, String currency) {

        static Amount of(Money money) {
            return new Amount(money.amount().toPlainString(), money.currency());
        }
    }

    static OrderResponse of(OrderSummary order) {
        return new OrderResponse(order.id(), order.customerId(), order.status(), order.failureReason(),
                order.lines().stream()
                        .map(line -> new Item(line.sku(), line.quantity(), Amount.of(line.unitPrice())))
                        .toList(),
                Amount.of(order.total()), order.createdAt(), order.updatedAt(), order.version());
    }
}
