package dev.orderflow.console.domain;

/** How an order's saga ended; an order without one is still in flight. */
public enum Outcome {
    CONFIRMED,
    REJECTED,
    CANCELLED
}
