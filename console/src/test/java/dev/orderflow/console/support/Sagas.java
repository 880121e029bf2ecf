package dev.orderflow.console.support;

import dev.orderflow.events.Money;
import dev.orderflow.events.inventory.CommitStock;
import dev.orderflow.events.inventory.ReserveStock;
import dev.orderflow.events.inventory.StockCommitted;
import dev.orderflow.events.inventory.StockLine;
import dev.orderflow.events.inventory.StockReserved;
import dev.orderflow.events.order.OrderConfirmed;
import dev.orderflow.events.order.OrderPlaced;
import dev.orderflow.events.payment.AuthorizePayment;
import dev.orderflow.events.payment.PaymentAuthorized;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The messages of whole sagas, as the services write them. */
public final class Sagas {

    public static final Money TOTAL = Money.of("25.00", "EUR");

    private Sagas() {
    }

    /**
     * The eight messages of a confirmed order, in the order they are written: order-service confirms the order in the
     * transaction that sends the stock's commit, so the order is confirmed before its stock is committed.
     */
    public static List<Object> confirmed(UUID orderId, String customerId) {
        List<StockLine> lines = List.of(new StockLine("SKU-1", 2));
        return List.of(
                new OrderPlaced(orderId, customerId, List.of(new OrderPlaced.Line("SKU-1", 2, Money.of("12.50", "EUR"))),
                        TOTAL, Instant.now()),
                new ReserveStock(orderId, lines),
                new StockReserved(orderId, lines),
                new AuthorizePayment(orderId, customerId, TOTAL, new AuthorizePayment.Basket(1, 2)),
                new PaymentAuthorized(orderId, UUID.randomUUID(), TOTAL),
                new OrderConfirmed(orderId, customerId, TOTAL, Instant.now()),
                new CommitStock(orderId),
                new StockCommitted(orderId, lines));
    }
}
