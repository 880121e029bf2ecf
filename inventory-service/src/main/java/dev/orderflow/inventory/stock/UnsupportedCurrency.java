package dev.orderflow.inventory.stock;

/** A price in another currency than the one the catalog prices in. */
public class UnsupportedCurrency extends RuntimeException {

    public UnsupportedCurrency(String given, String catalogCurrency) {
        super("the catalog prices in " + catalogCurrency + ", not " + given);
    }
}
