package dev.orderflow.inventory.domain;

/** The kinds of stock movement, each moving units between the product's buckets. */
public enum MovementType {
    /** New units arrive (the opening stock of a product too): into available. */
    RESTOCK,
    /** An order holds units: available to reserved. */
    RESERVE,
    /** An order gives back what it held: reserved to available. */
    RELEASE,
    /** An order is confirmed: reserved to sold. */
    COMMIT,
    /** A confirmed order is cancelled: sold back to available. */
    RETURN
}
