package dev.orderflow.console.domain;

import java.util.Optional;

/**
 * Where an order's saga is, as the last message about it says: a command sent is a step begun ("reserving stock"),
 * a reply is a step done ("stock reserved"), and an order event of order-service's ends the saga with its outcome.
 */
public enum Step {
    PLACED("order placed"),
    RESERVING_STOCK("reserving stock"),
    STOCK_RESERVED("stock reserved"),
    STOCK_REJECTED("stock rejected"),
    AUTHORIZING_PAYMENT("authorizing payment"),
    PAYMENT_AUTHORIZED("payment authorized"),
    PAYMENT_DECLINED("payment declined"),
    COMMITTING_STOCK("committing stock"),
    STOCK_COMMITTED("stock committed"),
    RELEASING_STOCK("releasing stock"),
    STOCK_RELEASED("stock released"),
    REFUNDING_PAYMENT("refunding payment"),
    PAYMENT_REFUNDED("payment refunded"),
    CONFIRMED("confirmed", Outcome.CONFIRMED),
    REJECTED("rejected", Outcome.REJECTED),
    CANCELLED("cancelled", Outcome.CANCELLED);

    private final String description;
    private final Outcome outcome;

    Step(String description) {
        this(description, null);
    }

    Step(String description, Outcome outcome) {
        this.description = description;
        this.outcome = outcome;
    }

    /** What an operator reads, e.g. "authorizing payment". */
    public String description() {
        return description;
    }

    /** The outcome this step ends the saga with; empty while the saga goes on. */
    public Optional<Outcome> outcome() {
        return Optional.ofNullable(outcome);
    }
}
