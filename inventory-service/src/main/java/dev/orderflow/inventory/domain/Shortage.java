package dev.orderflow.inventory.domain;

import java.util.Objects;

/** A line that could not be reserved: how much was asked for and how much was available (0 for an unknown SKU). */
public record Shortage(String sku, int requested, int available) {

    public Shortage {
        Objects.requireNonNull(sku, "sku");
    }
}
