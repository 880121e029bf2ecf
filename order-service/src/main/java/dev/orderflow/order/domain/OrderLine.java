package dev.orderflow.order.domain;

import dev.orderflow.events.Money;

import java.util.Objects;

/** A quantity of one product at the unit price the catalog had when the order was placed. */
public record OrderLine(String sku, int quantity, Money unitPrice) {

    public OrderLine {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(unitPrice, "unitPrice");
    }

    public Money subtotal() {
        return unitPrice.times(quantity);
    }
}
