package dev.orderflow.events.inventory;

import dev.orderflow.events.Money;

import java.util.Objects;

/**
 * The latest catalog state of one product: what replicas need to accept and price order lines. Stock levels
 * are not part of it; they change with every order and stay inventory's own business.
 */
public record ProductUpdated(String sku, String name, Money price) implements ProductEvent {

    public static final String TYPE = "dev.orderflow.inventory.ProductUpdated.v1";

    public ProductUpdated {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(price, "price");
        if (price.isNegative() || price.isZero()) {
            // Replicas price order lines with it: a free or negative product would turn into a payment nobody can make.
            throw new IllegalArgumentException("price must be positive: " + price);
        }
    }
}
