package dev.orderflow.inventory.stock;

/** A product with this SKU exists already. */
public class DuplicateSku extends RuntimeException {

    private final String sku;

    public DuplicateSku(String sku) {
        super("a product with SKU " + sku + " exists already");
        this.sku = sku;
    }

    public String sku() {
        return sku;
    }
}
