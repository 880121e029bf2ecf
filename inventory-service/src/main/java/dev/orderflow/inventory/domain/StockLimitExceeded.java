package dev.orderflow.inventory.domain;

/** A change would take a product's stock beyond what can be counted. */
public class StockLimitExceeded extends RuntimeException {

    public StockLimitExceeded(String sku, int quantity) {
        super("adding " + quantity + " units to " + sku + " would exceed the largest countable stock ("
                + Integer.MAX_VALUE + ")");
    }
}
