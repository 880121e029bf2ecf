package dev.orderflow.inventory.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.Immutable;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One entry of the append-only stock ledger: a quantity of one SKU that moved, and the order it moved for. */
@Entity
@Immutable
@Table(name = "stock_movement")
public class StockMovement {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String sku;

    @Enumerated(EnumType.STRING)
    private MovementType type;

    private int quantity;

    /** The order the units moved for; none for a restock. */
    private UUID orderId;

    @CreationTimestamp
    @Column(updatable = false)
    private Instant occurredAt;

    protected StockMovement() {
        // for JPA
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

    public Instant occurredAt() {
        return occurredAt;
    }

    @Override
    public String toString() {
        return type + " " + quantity + " " + sku + (orderId == null ? "" : " for " + orderId);
    }
}
