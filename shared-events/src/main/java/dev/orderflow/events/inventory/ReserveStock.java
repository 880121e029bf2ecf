package dev.orderflow.events.inventory;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Reserve every line for the order, or none of them. Answered by StockReserved or StockRejected. */
public record ReserveStock(UUID orderId, List<StockLine> lines) implements InventoryCommand {

    public static final String TYPE = "dev.orderflow.inventory.ReserveStock.v1";

    public ReserveStock {
        Objects.requireNonNull(orderId, "orderId");
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("nothing to reserve");
        }
    }
}
