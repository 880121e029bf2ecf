package dev.orderflow.events.inventory;

import java.util.UUID;

/** Commands inventory-service takes from the place-order saga, keyed by order id. */
public sealed interface InventoryCommand permits ReserveStock, ReleaseStock, CommitStock {

    UUID orderId();
}
