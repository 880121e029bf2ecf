package dev.orderflow.order.saga;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;

/**
 * Saga meters: outcomes by status and reason, how long sagas take, replies that no longer mattered and late
 * authorizations that had to be refunded. Recorded only when the decision is committed, so a rolled-back and
 * retried decision counts once.
 */
@Component
class SagaMetrics {

    private final MeterRegistry registry;

    SagaMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A running saga reached its outcome. */
    void ended(PlaceOrderSaga saga) {
        afterCommit(() -> {
            outcome(saga);
            Timer.builder("orderflow.saga.duration")
                    .description("Time from placing an order to the saga's outcome")
                    .tag("status", saga.step().name())
                    .register(registry)
                    .record(Duration.between(saga.startedAt(), saga.endedAt()));
        });
    }

    /** A confirmed order was cancelled: a second outcome, but not a second duration. */
    void cancelledAfterConfirmation(PlaceOrderSaga saga) {
        afterCommit(() -> outcome(saga));
    }

    private void outcome(PlaceOrderSaga saga) {
        Counter.builder("orderflow.saga.outcomes")
                .description("Place-order sagas by how they ended")
                .tag("status", saga.step().name())
                .tag("reason", saga.reason() == null ? "none" : saga.reason().name())
                .register(registry).increment();
    }

    void ignored(String reply) {
        afterCommit(() -> Counter.builder("orderflow.saga.replies.ignored")
                .description("Replies that arrived for a saga that had moved on or finished")
                .tag("reply", reply)
                .register(registry).increment());
    }

    void lateReplyCompensated(String reply) {
        afterCommit(() -> Counter.builder("orderflow.saga.late.compensations")
                .description("Replies for finished sagas that still needed a compensation (late authorizations)")
                .tag("reply", reply)
                .register(registry).increment());
    }

    private static void afterCommit(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
