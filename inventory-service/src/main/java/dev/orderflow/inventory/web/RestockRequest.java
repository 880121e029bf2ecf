package dev.orderflow.inventory.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Body of {@code POST /api/products/{sku}/restock}: how many units arrived. */
record RestockRequest(@NotNull @Min(1) @Max(MAX_QUANTITY) Integer quantity) {

    static final int MAX_QUANTITY = 1_000_000;
}
