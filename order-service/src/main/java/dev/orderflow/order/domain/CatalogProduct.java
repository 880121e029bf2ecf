package dev.orderflow.order.domain;

import dev.orderflow.events.Money;

/**
 * A product as order-service's replica of inventory's catalog knows it: what can be ordered and at which price.
 * Order-service never takes a price from a client.
 */
public record CatalogProduct(String sku, String name, Money price) {
}
