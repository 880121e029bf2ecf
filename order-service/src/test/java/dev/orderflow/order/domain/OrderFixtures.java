package dev.orderflow.order.domain;

import dev.orderflow.events.Money;
import dev.orderflow.events.RejectionReason;
import dev.orderflow.events.order.OrderCancelled;
import dev.orderflow.events.order.OrderConfirmed;
import dev.orderflow.events.order.OrderPlaced;
import dev.orderflow.events.order.OrderRejected;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One order and its possible events, for tests. */
public final class OrderFixtures {

    public static final UUID ORDER_ID = UUID.fromString("00000000-0000-0000-0000-00000000a001");
    public static final String CUSTOMER = "c-1001";
    public static final Instant PLACED_AT = Instant.parse("2026-11-24T10:00:00Z");
    public static final Instant LATER = PLACED_AT.plusSeconds(5);
    public static final Instant EVEN_LATER = PLACED_AT.plusSeconds(60);

    private OrderFixtures() {
    }

    public static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    /** Two of SKU-001 at 19.90 and one SKU-002 at 20.00: 59.80 EUR. */
    public static List<OrderLine> twoLines() {
        return List.of(new OrderLine("SKU-001", 2, eur("19.90")), new OrderLine("SKU-002", 1, eur("20.00")));
    }

    public static OrderPlaced orderPlaced() {
        return new OrderPlaced(ORDER_ID, CUSTOMER, List.of(
                new OrderPlaced.Line("SKU-001", 2, eur("19.90")),
                new OrderPlaced.Line("SKU-002", 1, eur("20.00"))), eur("59.80"), PLACED_AT);
    }

    public static OrderConfirmed orderConfirmed() {
        return new OrderConfirmed(ORDER_ID, CUSTOMER, eur("59.80"), LATER);
    }

    public static OrderRejected orderRejected(RejectionReason reason) {
        return new OrderRejected(ORDER_ID, CUSTOMER, reason, LATER);
    }

    public static OrderCancelled orderCancelled(Instant at) {
        return new OrderCancelled(ORDER_ID, CUSTOMER, RejectionReason.CUSTOMER_CANCELLED, at);
    }

    /** A PENDING order. */
    public static Order anOrder() {
        return Order.rebuild(ORDER_ID, List.of(orderPlaced()));
    }
}
