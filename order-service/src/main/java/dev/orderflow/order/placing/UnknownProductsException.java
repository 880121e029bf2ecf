package dev.orderflow.order.placing;

import java.util.Set;

/** Lines for SKUs the catalog replica does not know: they cannot be priced, so the order is refused. */
public class UnknownProductsException extends RuntimeException {

    private final Set<String> skus;

    public UnknownProductsException(Set<String> skus) {
        super("unknown SKU(s): " + String.join(", ", skus));
        this.skus = Set.copyOf(skus);
    }

    public Set<String> skus() {
        return skus;
    }
}
