package dev.orderflow.events.inventory;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** What the order held went back to available stock; the lines are empty when it held nothing. */
public record StockReleased(UUID orderId, List<StockLine> lines) implements InventoryEvent {

    public static final String TYPE = "dev.orderflow.inventory.StockReleased.v1";

    public StockReleased {
        Objects.requireNonNull(orderId, "orderId");
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
    }
}
