package dev.orderflow.events.inventory;

import java.util.Objects;

/** A quantity of one SKU. */
public record StockLine(String sku, int quantity) {

    public StockLine {
        Objects.requireNonNull(sku, "sku");
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be positive: " + quantity);
        }
    }
}
