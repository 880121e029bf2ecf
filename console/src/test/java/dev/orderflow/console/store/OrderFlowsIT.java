package dev.orderflow.console.store;

import dev.orderflow.console.domain.Milestone;
import dev.orderflow.console.domain.OrderFlow;
import dev.orderflow.console.domain.Outcome;
import dev.orderflow.console.domain.Step;
import dev.orderflow.console.support.ConsoleIT;
import dev.orderflow.console.support.Sagas;
import dev.orderflow.events.RejectionReason;
import dev.orderflow.events.inventory.StockLine;
import dev.orderflow.events.inventory.StockReleased;
import dev.orderflow.events.order.OrderRejected;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read model's merge of messages arriving in any order, on the real PostgreSQL. Times are far from now and from
 * each other test's, as every test class shares the database.
 */
class OrderFlowsIT extends ConsoleIT {

    @Autowired
    OrderFlows flows;

    @Autowired
    TransactionTemplate transactions;

    private final UUID orderId = UUID.randomUUID();
    private final String customer = "c-" + UUID.randomUUID();
    private final List<Object> saga = Sagas.confirmed(orderId, customer);

    @Test
    void mergesMessagesArrivingInAnyOrder() {
        Instant t0 = Instant.parse("2001-01-01T00:00:00Z");

        record(saga.get(2), t0.plusMillis(30)); // StockReserved, first to arrive
        record(saga.get(0), t0);                // OrderPlaced
        record(saga.get(1), t0.plusMillis(10)); // ReserveStock, late

        OrderFlow flow = flows.find(orderId).orElseThrow();
        assertThat(flow.step()).isEqualTo(Step.STOCK_RESERVED);
        assertThat(flow.stepAt()).isEqualTo(t0.plusMillis(30));
        assertThat(flow.placedAt()).isEqualTo(t0);
        assertThat(flow.customerId()).isEqualTo(customer);
        assertThat(flow.total()).isEqualTo(Sagas.TOTAL);
        assertThat(flow.inFlight()).isTrue();
        assertThat(flow.messages()).isEqualTo(3);
        assertThat(flows.milestones(orderId)).extracting(Milestone::step)
                .containsExactly(Step.PLACED, Step.RESERVING_STOCK, Step.STOCK_RESERVED);
    }

    @Test
    void anOutcomeStandsAgainstLaterReplies() {
        Instant t0 = Instant.parse("2002-01-01T00:00:00Z");
        record(saga.get(0), t0);
        record(new OrderRejected(orderId, customer, RejectionReason.TIMED_OUT, t0), t0.plusSeconds(30));

        record(new StockReleased(orderId, List.of(new StockLine("SKU-1", 2))), t0.plusSeconds(31));

        OrderFlow flow = flows.find(orderId).orElseThrow();
        assertThat(flow.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(flow.step()).isEqualTo(Step.REJECTED);
        assertThat(flow.reason()).isEqualTo("TIMED_OUT");
        assertThat(flow.finishedAt()).isEqualTo(t0.plusSeconds(30));
        assertThat(flow.messages()).isEqualTo(3);
    }

    @Test
    void aMessageKeptOnceChangesNothingTheSecondTime() {
        Milestone placed = Milestone.of(saga.get(0), UUID.randomUUID().toString(), "/orderflow/order-service",
                "orders.events", Instant.parse("2003-01-01T00:00:00Z"));

        Boolean first = transactions.execute(status -> flows.record(placed));
        Boolean second = transactions.execute(status -> flows.record(placed));

        assertThat(first).isTrue();
        assertThat(second).isFalse();

        assertThat(flows.find(orderId).orElseThrow().messages()).isEqualTo(1);
    }

    @Test
    void findsStuckOrdersAndCountsOutcomes() {
        Instant t0 = Instant.parse("2004-01-01T00:00:00Z");
        UUID confirmed = UUID.randomUUID();
        for (int i = 0; i < saga.size(); i++) {
            record(Sagas.confirmed(confirmed, customer).get(i), t0.plusMillis(i));
        }
        record(saga.get(0), t0);
        record(saga.get(1), t0.plusSeconds(1));

        assertThat(flows.stuckSince(t0.plusSeconds(2), 500)).extracting(OrderFlow::orderId)
                .contains(orderId).doesNotContain(confirmed);
        assertThat(flows.stuckSince(t0.plusMillis(500), 500)).extracting(OrderFlow::orderId)
                .doesNotContain(orderId);
        assertThat(flows.outcomesSince(t0).get(Outcome.CONFIRMED)).isPositive();
        assertThat(flows.outcomesSince(Instant.parse("2100-01-01T00:00:00Z")))
                .containsEntry(Outcome.CONFIRMED, 0L).containsEntry(Outcome.REJECTED, 0L);
    }

    @Test
    void forgetsFinishedOrdersOnlyOnceTheyAreOldEnough() {
        Instant t0 = Instant.parse("1990-01-01T00:00:00Z");
        UUID oldFinished = UUID.randomUUID();
        UUID recentFinished = UUID.randomUUID();
        for (int i = 0; i < saga.size(); i++) {
            record(Sagas.confirmed(oldFinished, customer).get(i), t0.plusMillis(i));
            record(Sagas.confirmed(recentFinished, customer).get(i), t0.plusSeconds(60).plusMillis(i));
        }
        record(saga.get(0), t0); // in flight, as old as the oldest

        int forgotten = 0;
        int batch;
        do {
            batch = flows.forgetFinishedBefore(t0.plusSeconds(30), 1);
            forgotten += batch;
        } while (batch > 0);

        assertThat(forgotten).isGreaterThanOrEqualTo(1);
        assertThat(flows.find(oldFinished)).isEmpty();
        assertThat(flows.milestones(oldFinished)).isEmpty();
        assertThat(flows.find(recentFinished)).isPresent();
        assertThat(flows.milestones(recentFinished)).hasSize(8);
        assertThat(flows.find(orderId)).isPresent();
    }

    private void record(Object message, Instant at) {
        Milestone milestone = Milestone.of(message, UUID.randomUUID().toString(), "/orderflow/test", "test", at);
        transactions.executeWithoutResult(status -> flows.record(milestone));
    }
}
