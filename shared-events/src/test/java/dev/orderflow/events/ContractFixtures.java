package dev.orderflow.events;

import dev.orderflow.events.inventory.CommitStock;
import dev.orderflow.events.inventory.ProductUpdated;
import dev.orderflow.events.inventory.ReleaseStock;
import dev.orderflow.events.inventory.ReserveStock;
import dev.orderflow.events.inventory.StockCommitted;
import dev.orderflow.events.inventory.StockLine;
import dev.orderflow.events.inventory.StockRejected;
import dev.orderflow.events.inventory.StockReleased;
import dev.orderflow.events.inventory.StockReserved;
import dev.orderflow.events.order.OrderCancelled;
import dev.orderflow.events.order.OrderConfirmed;
import dev.orderflow.events.order.OrderPlaced;
import dev.orderflow.events.order.OrderRejected;
import dev.orderflow.events.payment.AuthorizePayment;
import dev.orderflow.events.payment.DeclineReason;
import dev.orderflow.events.payment.PaymentAuthorized;
import dev.orderflow.events.payment.PaymentDeclined;
import dev.orderflow.events.payment.Screening;
import dev.orderflow.events.payment.PaymentRefunded;
import dev.orderflow.events.payment.RefundPayment;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import static java.util.Map.entry;

/**
 * One canonical instance of every message of the contracts: the values the golden JSON files freeze.
 *
 * <p>Every value is a constant, so the golden files never change unless the wire format does. The instances tell
 * one story: customer c-1001 orders two SKU-001 at 29.90 and one SKU-002 at 4.50, 64.30 in all.
 */
public final class ContractFixtures {

    public static final UUID ORDER_ID = UUID.fromString("3f2a9c1e-5b7d-4e8a-9c0f-1a2b3c4d5e6f");
    public static final UUID PAYMENT_ID = UUID.fromString("8d4e6f10-2a3b-4c5d-8e9f-a0b1c2d3e4f5");
    public static final String CUSTOMER_ID = "c-1001";
    public static final Instant OCCURRED_AT = Instant.parse("2026-03-14T09:26:53.589Z");

    private static final Map<Class<?>, Supplier<Object>> CANONICAL = Map.ofEntries(
            entry(OrderPlaced.class, ContractFixtures::anOrderPlaced),
            entry(OrderConfirmed.class, ContractFixtures::anOrderConfirmed),
            entry(OrderRejected.class, ContractFixtures::anOrderRejected),
            entry(OrderCancelled.class, ContractFixtures::anOrderCancelled),
            entry(ReserveStock.class, ContractFixtures::aReserveStock),
            entry(ReleaseStock.class, ContractFixtures::aReleaseStock),
            entry(CommitStock.class, ContractFixtures::aCommitStock),
            entry(StockReserved.class, ContractFixtures::aStockReserved),
            entry(StockRejected.class, ContractFixtures::aStockRejected),
            entry(StockReleased.class, ContractFixtures::aStockReleased),
            entry(StockCommitted.class, ContractFixtures::aStockCommitted),
            entry(ProductUpdated.class, ContractFixtures::aProductUpdated),
            entry(AuthorizePayment.class, ContractFixtures::anAuthorizePayment),
            entry(RefundPayment.class, ContractFixtures::aRefundPayment),
            entry(PaymentAuthorized.class, ContractFixtures::aPaymentAuthorized),
            entry(PaymentDeclined.class, ContractFixtures::aPaymentDeclined),
            entry(PaymentRefunded.class, ContractFixtures::aPaymentRefunded));

    private ContractFixtures() {
    }

    /** The canonical instance of a message type, if this class has one (a test fails for every type it lacks). */
    public static Optional<Object> canonical(MessageType type) {
        return Optional.ofNullable(CANONICAL.get(type.payloadType())).map(Supplier::get);
    }

    public static Money euros(String amount) {
        return Money.of(amount, "EUR");
    }

    public static OrderPlaced anOrderPlaced() {
        return new OrderPlaced(ORDER_ID, CUSTOMER_ID, List.of(
                new OrderPlaced.Line("SKU-001", 2, euros("29.90")),
                new OrderPlaced.Line("SKU-002", 1, euros("4.50"))),
                euros("64.30"), OCCURRED_AT);
    }

    public static OrderConfirmed anOrderConfirmed() {
        return new OrderConfirmed(ORDER_ID, CUSTOMER_ID, euros("64.30"), OCCURRED_AT);
    }

    public static OrderRejected anOrderRejected() {
        return new OrderRejected(ORDER_ID, CUSTOMER_ID, RejectionReason.OUT_OF_STOCK, OCCURRED_AT);
    }

    public static OrderCancelled anOrderCancelled() {
        return new OrderCancelled(ORDER_ID, CUSTOMER_ID, RejectionReason.CUSTOMER_CANCELLED, OCCURRED_AT);
    }

    public static ReserveStock aReserveStock() {
        return new ReserveStock(ORDER_ID, orderedStock());
    }

    public static ReleaseStock aReleaseStock() {
        return new ReleaseStock(ORDER_ID);
    }

    public static CommitStock aCommitStock() {
        return new CommitStock(ORDER_ID);
    }

    public static StockReserved aStockReserved() {
        return new StockReserved(ORDER_ID, orderedStock());
    }

    public static StockRejected aStockRejected() {
        return new StockRejected(ORDER_ID, List.of(new StockRejected.Shortage("SKU-001", 2, 1)));
    }

    public static StockReleased aStockReleased() {
        return new StockReleased(ORDER_ID, orderedStock());
    }

    public static StockCommitted aStockCommitted() {
        return new StockCommitted(ORDER_ID, orderedStock());
    }

    public static ProductUpdated aProductUpdated() {
        return new ProductUpdated("SKU-001", "Espresso beans, 1 kg", euros("29.90"));
    }

    public static AuthorizePayment anAuthorizePayment() {
        return new AuthorizePayment(ORDER_ID, CUSTOMER_ID, euros("64.30"), new AuthorizePayment.Basket(2, 3));
    }

    public static RefundPayment aRefundPayment() {
        return new RefundPayment(ORDER_ID, RejectionReason.TIMED_OUT);
    }

    public static PaymentAuthorized aPaymentAuthorized() {
        return new PaymentAuthorized(ORDER_ID, PAYMENT_ID, euros("64.30"),
                new Screening("payment-screening-v1", 0.0125, 0.354, Screening.Mode.ENFORCE));
    }

    public static PaymentDeclined aPaymentDeclined() {
        return new PaymentDeclined(ORDER_ID, DeclineReason.INSUFFICIENT_CREDIT, "credit limit 50.00 EUR, 64.30 EUR asked",
                new Screening("payment-screening-v1", 0.5, 0.354, Screening.Mode.SHADOW));
    }

    public static PaymentRefunded aPaymentRefunded() {
        return new PaymentRefunded(ORDER_ID, PAYMENT_ID, euros("64.30"));
    }

    private static List<StockLine> orderedStock() {
        return List.of(new StockLine("SKU-001", 2), new StockLine("SKU-002", 1));
    }
}
