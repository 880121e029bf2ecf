package dev.orderflow.order.catalog;

import dev.orderflow.events.Money;

/** A product as the replica knows it. */
public record CatalogProduct(String sku, String name, Money price) {
}
