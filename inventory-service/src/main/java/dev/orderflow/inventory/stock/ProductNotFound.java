package dev.orderflow.inventory.stock;

/** No product has this SKU. */
public class ProductNotFound extends RuntimeException {

    private final String sku;

    public ProductNotFound(String sku) {
        super("no product with SKU " + sku);
        this.sku = sku;
    }

    public String sku() {
        return sku;
    }
}
