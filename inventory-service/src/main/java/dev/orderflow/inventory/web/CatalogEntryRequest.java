package dev.orderflow.inventory.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of {@code PUT /api/products/{sku}}: the product's new name and price. */
record CatalogEntryRequest(@NotBlank @Size(max = 200) String name, @NotNull @Valid PriceJson price) {
}
