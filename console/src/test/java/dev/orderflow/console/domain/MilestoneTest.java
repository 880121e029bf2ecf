package dev.orderflow.console.domain;

import dev.orderflow.console.support.Sagas;
import dev.orderflow.events.RejectionReason;
import dev.orderflow.events.inventory.StockRejected;
import dev.orderflow.events.order.OrderRejected;
import dev.orderflow.events.payment.DeclineReason;
import dev.orderflow.events.payment.PaymentAuthorized;
import dev.orderflow.events.payment.PaymentDeclined;
import dev.orderflow.events.payment.Screening;
import dev.orderflow.events.inventory.ProductUpdated;
import dev.orderflow.events.Money;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MilestoneTest {

    private final UUID orderId = UUID.randomUUID();
    private final Instant at = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void aConfirmedSagaMarksItsStepsAndOneOutcome() {
        List<Step> steps = Sagas.confirmed(orderId, "c-1").stream()
                .map(message -> Milestone.of(message, UUID.randomUUID().toString(), "/orderflow/order-service", "t", at))
                .map(Milestone::step).toList();

        assertThat(steps).containsExactly(Step.PLACED, Step.RESERVING_STOCK, Step.STOCK_RESERVED,
                Step.AUTHORIZING_PAYMENT, Step.PAYMENT_AUTHORIZED, Step.CONFIRMED, Step.COMMITTING_STOCK,
                Step.STOCK_COMMITTED);
        assertThat(steps.stream().filter(step -> step.outcome().isPresent())).containsExactly(Step.CONFIRMED);
    }

    @Test
    void theOrderPlacedNamesCustomerAndTotalAndTheServiceComesFromTheSource() {
        Milestone placed = Milestone.of(Sagas.confirmed(orderId, "c-7").getFirst(), "m-1", "/orderflow/order-service",
                "orders.events", at);

        assertThat(placed.orderId()).isEqualTo(orderId);
        assertThat(placed.customerId()).isEqualTo("c-7");
        assertThat(placed.total()).isEqualTo(Sagas.TOTAL);
        assertThat(placed.service()).isEqualTo("order-service");
        assertThat(placed.type()).isEqualTo("OrderPlaced");
        assertThat(placed.detail()).isEqualTo("1 line");
    }

    @Test
    void refusalsCarryTheirReasons() {
        Milestone declined = Milestone.of(new PaymentDeclined(orderId, DeclineReason.INSUFFICIENT_CREDIT, "limit 10.00"),
                "m", "/orderflow/payment-service", "payments.events", at);
        Milestone rejected = Milestone.of(new OrderRejected(orderId, "c-1", RejectionReason.OUT_OF_STOCK, at),
                "m", "/orderflow/order-service", "orders.events", at);
        Milestone shortOf = Milestone.of(new StockRejected(orderId, List.of(new StockRejected.Shortage("SKU-9", 3, 1))),
                "m", "/orderflow/inventory-service", "inventory.events", at);

        assertThat(declined.detail()).isEqualTo("INSUFFICIENT_CREDIT: limit 10.00");
        assertThat(rejected.step().outcome()).contains(Outcome.REJECTED);
        assertThat(rejected.detail()).isEqualTo("OUT_OF_STOCK");
        assertThat(shortOf.detail()).isEqualTo("SKU-9: 3 asked, 1 available");
        assertThat(shortOf.step().outcome()).isEmpty();
    }

    @Test
    void aPaymentsOutcomeShowsHowScreeningJudgedIt() {
        Milestone authorized = Milestone.of(new PaymentAuthorized(orderId, UUID.randomUUID(), Sagas.TOTAL,
                new Screening("payment-screening-v1", 0.0123, 0.354, Screening.Mode.SHADOW)), "m",
                "/orderflow/payment-service", "payments.events", at);
        Milestone declined = Milestone.of(new PaymentDeclined(orderId, DeclineReason.ANOMALY_SUSPECTED, "scored high",
                new Screening("payment-screening-v1", 0.91, 0.354, Screening.Mode.ENFORCE)), "m",
                "/orderflow/payment-service", "payments.events", at);

        assertThat(authorized.detail()).isEqualTo(
                "25.00 EUR (screening score 0.012, threshold 0.354, payment-screening-v1, shadow)");
        assertThat(declined.detail()).isEqualTo("ANOMALY_SUSPECTED: scored high (screening score 0.910, threshold "
                + "0.354, payment-screening-v1, enforce, suspected)");
    }

    @Test
    void aLongDetailIsCut() {
        List<StockRejected.Shortage> many = Collections.nCopies(100, new StockRejected.Shortage("SKU-LONG-NAME", 5, 0));

        Milestone shortOf = Milestone.of(new StockRejected(orderId, many), "m", "/orderflow/inventory-service",
                "inventory.events", at);

        assertThat(shortOf.detail()).hasSize(Milestone.MAX_DETAIL).endsWith("\u2026");
    }

    @Test
    void aMessageOutsideTheSagaIsRefused() {
        assertThatThrownBy(() -> Milestone.of(new ProductUpdated("SKU-1", "Pen", Money.of("1.00", "EUR")), "m",
                "/orderflow/inventory-service", "inventory.products", at))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ProductUpdated");
    }
}
