package dev.orderflow.inventory.web;

import dev.orderflow.inventory.stock.NewProduct;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/products}. */
record NewProductRequest(
        @NotNull @Pattern(regexp = SKU, message = SKU_MESSAGE) String sku,
        @NotBlank @Size(max = 200) String name,
        @NotNull @Valid PriceJson price,
        @NotNull @Min(0) @Max(RestockRequest.MAX_QUANTITY) Integer initialStock) {

    static final String SKU = "[A-Z0-9][A-Z0-9-]{0,31}";
    static final String SKU_MESSAGE = "must be 1 to 32 upper-case letters, digits or dashes, not starting with a dash";

    NewProduct toNewProduct(String catalogCurrency) {
        return new NewProduct(sku, name, price.toMoney(catalogCurrency), initialStock);
    }
}
