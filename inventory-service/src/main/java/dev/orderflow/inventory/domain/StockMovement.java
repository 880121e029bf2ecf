package dev.orderflow.inventory.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One entry of the append-only stock ledger: a quantity of one SKU that moved, and the order it moved for. */
public class StockMovement {

    private Long id;
    private String sku;
    private MovementType type;
    private int quantity;
    /** The order the units moved for; none for a restock. */
    private UUID orderId;
    private Instant occurredAt;

    /** A movement as it was stored: its place in the ledger and when it was written. */
    public static StockMovement restore(long id, String sku, MovementType type, int quantity, UUID orderId,
            Instant occurredAt) {
        StockMovement movement = new StockMovement(sku, type, quantity, orderId);
        movement.id = id;
        movement.occurredAt = occurredAt;
        return movement;
    }

    StockMovement(String sku, MovementType type, int quantity, UUID orderId) {
        this.sku = Objects.requireNonNull(sku, "sku");
        this.type = Objects.requireNonNull(type, "type");
        if (quantity < 1) {
            throw new IllegalArgumentException("a movement moves at least one unit: " + quantity);
        }
        if ((type == MovementType.RESTOCK) != (orderId == null)) {
            throw new IllegalArgumentException(type + " " + (orderId == null ? "needs" : "takes no") + " order");
        }
        this.quantity = quantity;
        this.orderId = orderId;
    }

    /** Its place in the ledger; null until it is stored. */
    public Long id() {
        return id;
    }

    public String sku() {
        return sku;
    }

    public MovementType type() {
        return type;
    }

    public int quantity() {
        return quantity;
    }

    public UUID orderId() {
        return orderId;
    }

    /** When it was written to the ledger; null until it is stored. */
    public Instant occurredAt() {
        return occurredAt;
    }

    @Override
    public String toString() {
        return type + " " + quantity + " " + sku + (orderId == null ? "" : " for " + orderId);
    }
}
