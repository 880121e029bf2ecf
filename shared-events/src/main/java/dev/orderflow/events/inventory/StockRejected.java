package dev.orderflow.events.inventory;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Nothing was reserved, because these lines could not be served (an unknown SKU shows as available 0). */
public record StockRejected(UUID orderId, List<Shortage> shortages) implements InventoryEvent {

    public static final String TYPE = "dev.orderflow.inventory.StockRejected.v1";

    public StockRejected {
        Objects.requireNonNull(orderId, "orderId");
        shortages = List.copyOf(Objects.requireNonNull(shortages, "shortages"));
    }

    /** A line that could not be reserved, with what was available when it was tried. */
    public record Shortage(String sku, int requested, int available) {
        public Shortage {
            Objects.requireNonNull(sku, "sku");
            if (requested < 1) {
                throw new IllegalArgumentException("requested quantity must be positive: " + requested);
            }
            if (available < 0) {
                throw new IllegalArgumentException("available quantity cannot be negative: " + available);
            }
        }
    }
}
