package dev.orderflow.order.saga;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the saga decided in answer to a reply, its deadline or a cancel: its next state, the commands to send (in
 * this order) and what happens to the order. A decision of kind {@link Kind#IGNORED} changes nothing.
 */
public record SagaDecision(Kind kind, PlaceOrderSaga saga, List<SagaCommand> commands,
                           Optional<OrderChange> orderChange) {

    public enum Kind {
        /** The saga moved on. */
        ADVANCED,
        /** A reply for a finished saga that still needed a compensation (a late payment authorization). */
        LATE_REPLY_COMPENSATED,
        /** An expected confirmation of a compensation or commit (StockReleased, StockCommitted, PaymentRefunded). */
        ACKNOWLEDGED,
        /** A reply that no longer matters: a duplicate, or one for a saga that has finished. */
        IGNORED
    }

    public SagaDecision {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(saga, "saga");
        commands = List.copyOf(commands);
        Objects.requireNonNull(orderChange, "orderChange");
    }

    static SagaDecision advance(PlaceOrderSaga next, OrderChange change, SagaCommand... commands) {
        return new SagaDecision(Kind.ADVANCED, next, List.of(commands), Optional.ofNullable(change));
    }

    static SagaDecision ignore(PlaceOrderSaga unchanged) {
        return new SagaDecision(Kind.IGNORED, unchanged, List.of(), Optional.empty());
    }

    static SagaDecision acknowledge(PlaceOrderSaga unchanged) {
        return new SagaDecision(Kind.ACKNOWLEDGED, unchanged, List.of(), Optional.empty());
    }

    static SagaDecision compensateLateReply(PlaceOrderSaga next, SagaCommand... commands) {
        return new SagaDecision(Kind.LATE_REPLY_COMPENSATED, next, List.of(commands), Optional.empty());
    }

    /** True when the saga left a running step with this decision (it has an outcome to count and a duration). */
    public boolean ends(PlaceOrderSaga before) {
        return before.step().isRunning() && !saga.step().isRunning();
    }

    public boolean changesState() {
        return kind == Kind.ADVANCED || kind == Kind.LATE_REPLY_COMPENSATED;
    }
}
