package dev.orderflow.events.inventory;

import java.util.Objects;
import java.util.UUID;

/** The order is confirmed: its reserved stock becomes sold. Answered by StockCommitted. */
public record CommitStock(UUID orderId) implements InventoryCommand {

    public static final String TYPE = "dev.orderflow.inventory.CommitStock.v1";

    public CommitStock {
        Objects.requireNonNull(orderId, "orderId");
    }
}
