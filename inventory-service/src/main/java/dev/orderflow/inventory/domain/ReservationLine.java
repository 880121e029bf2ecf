package dev.orderflow.inventory.domain;

import java.util.Objects;

/** A quantity of one SKU that an order asks for or holds. */
public record ReservationLine(String sku, int quantity) {

    public ReservationLine {
        Objects.requireNonNull(sku, "sku");
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be positive: " + quantity);
        }
    }
}
