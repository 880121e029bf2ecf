package dev.orderflow.events.inventory;

import java.util.UUID;

/** Replies of inventory-service to the saga's commands, keyed by order id. */
public sealed interface InventoryEvent permits StockReserved, StockRejected, StockReleased, StockCommitted {

    UUID orderId();
}
