package dev.orderflow.inventory.domain;

/** Where an order's claim on stock stands. */
public enum ReservationStatus {
    /** Every line is held in reserved stock. */
    RESERVED,
    /** The held lines are sold. */
    COMMITTED,
    /** What the order held went back to available stock; it holds nothing any more. */
    RELEASED,
    /** Some line was short, so nothing was reserved; kept so a repeated request gets the same answer. */
    REJECTED
}
