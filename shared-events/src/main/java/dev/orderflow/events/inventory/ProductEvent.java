package dev.orderflow.events.inventory;

/** Catalog state published on the compacted inventory.products topic, keyed by SKU. */
public sealed interface ProductEvent permits ProductUpdated {

    String sku();
}
