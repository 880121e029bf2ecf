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
import dev.orderflow.events.order.OrderCancelled;
import dev.orderflow.events.payment.RefundPayment;
import dev.orderflow.events.order.OrderRejected;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

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

    /**
     * A poll's messages in one statement ({@link OrderFlows#recordAll}) against the same messages one statement each,
     * on orders of the same shapes: after each, the two orders' rows and messages are the same. Random arrival orders
     * (seeded), redeliveries within a poll and from before it, ties in time, a second outcome after the first.
     */
    @Test
    void aPollInOneStatementEndsAsItsMessagesOneByOne() {
        Random random = new Random(20261207);
        Instant t0 = Instant.parse("2005-01-01T00:00:00Z");
        for (int round = 0; round < 40; round++) {
            UUID oneByOne = UUID.randomUUID();
            UUID inOne = UUID.randomUUID();
            List<Object> first = shaped(round % 4, oneByOne);
            List<Object> second = shaped(round % 4, inOne);
            List<Integer> arrival = new ArrayList<>();
            for (int index = 0; index < first.size(); index++) {
                arrival.add(index);
            }
            Collections.shuffle(arrival, random);
            for (int redelivered = random.nextInt(3); redelivered > 0; redelivered--) {
                arrival.add(random.nextInt(arrival.size() + 1), arrival.get(random.nextInt(arrival.size())));
            }
            List<Instant> times = new ArrayList<>();
            List<String> firstIds = new ArrayList<>();
            List<String> secondIds = new ArrayList<>();
            List<String> traces = new ArrayList<>();
            for (int index = 0; index < first.size(); index++) {
                times.add(t0.plus(Duration.ofHours(round)).plusMillis(10L * random.nextInt(4)));
                firstIds.add(UUID.randomUUID().toString());
                secondIds.add(UUID.randomUUID().toString());
                traces.add(random.nextBoolean() ? null : "trace-" + round + "-" + index);
            }
            int before = random.nextInt(arrival.size());
            List<OrderFlows.Seen> poll = new ArrayList<>();
            for (int k = 0; k < arrival.size(); k++) {
                int index = arrival.get(k);
                Milestone one = Milestone.of(first.get(index), firstIds.get(index), "/orderflow/test", "test",
                        times.get(index));
                Milestone other = Milestone.of(second.get(index), secondIds.get(index), "/orderflow/test", "test",
                        times.get(index));
                transactions.executeWithoutResult(status -> flows.record(one, traces.get(index)));
                if (k < before) {
                    transactions.executeWithoutResult(status -> flows.record(other, traces.get(index)));
                } else {
                    poll.add(new OrderFlows.Seen(other, traces.get(index)));
                }
            }
            transactions.executeWithoutResult(status -> flows.recordAll(poll));

            String shape = "round " + round + ", arrival " + arrival + ", " + before + " before the poll";
            assertThat(flows.find(inOne).orElseThrow()).as(shape).usingRecursiveComparison().ignoringFields("orderId")
                    .isEqualTo(flows.find(oneByOne).orElseThrow());
            assertThat(flows.traceOf(inOne)).as(shape).isEqualTo(flows.traceOf(oneByOne));
            assertThat(flows.milestones(inOne)).as(shape).extracting(Milestone::type, Milestone::at)
                    .containsExactlyInAnyOrderElementsOf(flows.milestones(oneByOne).stream()
                            .map(m -> tuple(m.type(), m.at())).toList());
        }
    }

    @Test
    void recordsAtCommitInOneStatementAndNothingOnRollback() {
        Instant t0 = Instant.parse("2006-01-01T00:00:00Z");
        UUID rolledBack = UUID.randomUUID();
        transactions.executeWithoutResult(status -> {
            for (int i = 0; i < saga.size(); i++) {
                flows.recordAtCommit(Milestone.of(saga.get(i), UUID.randomUUID().toString(), "/orderflow/test",
                        "test", t0.plusMillis(i)), "4bf92f3577b34da6a3ce929d0e0e4736");
            }
            flows.recordAtCommit(Milestone.of(Sagas.confirmed(rolledBack, customer).getFirst(),
                    UUID.randomUUID().toString(), "/orderflow/test", "test", t0), null);
            assertThat(flows.find(orderId)).as("not before the commit").isEmpty();
        });
        transactions.executeWithoutResult(status -> {
            flows.recordAtCommit(Milestone.of(Sagas.confirmed(rolledBack, customer).get(1),
                    UUID.randomUUID().toString(), "/orderflow/test", "test", t0), null);
            status.setRollbackOnly();
        });

        OrderFlow flow = flows.find(orderId).orElseThrow();
        assertThat(flow.outcome()).isEqualTo(Outcome.CONFIRMED);
        assertThat(flow.messages()).isEqualTo(8);
        assertThat(flows.traceOf(orderId)).contains("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(flows.find(rolledBack).orElseThrow().messages()).as("the rolled back one not recorded").isEqualTo(1);
    }

    /**
     * Orders of four shapes: confirmed; rejected with a late release; confirmed, then cancelled (the first outcome
     * stands); in flight, paid for but not yet confirmed.
     */
    private static List<Object> shaped(int shape, UUID orderId) {
        List<Object> confirmed = Sagas.confirmed(orderId, "c-shaped");
        Instant placed = Instant.parse("2005-01-01T00:00:00Z");
        return switch (shape) {
            case 0 -> confirmed;
            case 1 -> List.of(confirmed.get(0), confirmed.get(1),
                    new OrderRejected(orderId, "c-shaped", RejectionReason.OUT_OF_STOCK, placed),
                    new StockReleased(orderId, List.of(new StockLine("SKU-1", 2))));
            case 2 -> {
                List<Object> messages = new ArrayList<>(confirmed);
                messages.add(new OrderCancelled(orderId, "c-shaped", RejectionReason.CUSTOMER_CANCELLED, placed));
                messages.add(new RefundPayment(orderId, RejectionReason.CUSTOMER_CANCELLED));
                yield messages;
            }
            default -> confirmed.subList(0, 5);
        };
    }

    private void record(Object message, Instant at) {
        Milestone milestone = Milestone.of(message, UUID.randomUUID().toString(), "/orderflow/test", "test", at);
        transactions.executeWithoutResult(status -> flows.record(milestone));
    }
}
