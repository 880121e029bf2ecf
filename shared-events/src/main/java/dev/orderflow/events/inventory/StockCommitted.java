package dev.orderflow.events.inventory;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** The order's reserved stock is now sold. */
public record StockCommitted(UUID orderId, List<StockLine> lines) implements InventoryEvent {

    public static final String TYPE = "dev.orderflow.inventory.StockCommitted.v1";

    public StockCommitted {
        Objects.requireNonNull(orderId, "orderId");
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
    }
}
