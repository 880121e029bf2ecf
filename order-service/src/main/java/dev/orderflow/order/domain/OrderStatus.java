package dev.orderflow.order.domain;

/** Where an order is in its life: PENDING until the saga decides, then one of the outcomes. */
public enum OrderStatus {
    PENDING,
    CONFIRMED,
    REJECTED,
    CANCELLED;

    /** A terminal order never changes again. CONFIRMED is not terminal: the customer may still cancel it. */
    public boolean isTerminal() {
        return this == REJECTED || this == CANCELLED;
    }
}
