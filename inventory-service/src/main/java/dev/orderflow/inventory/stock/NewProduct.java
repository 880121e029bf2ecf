package dev.orderflow.inventory.stock;

import dev.orderflow.events.Money;

/** What it takes to add a product to the catalog. */
public record NewProduct(String sku, String name, Money price, int initialStock) {
}
