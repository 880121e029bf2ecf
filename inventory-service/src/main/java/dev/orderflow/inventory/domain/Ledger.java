package dev.orderflow.inventory.domain;

/**
 * Where stock movements are written. Every change of a product's stock goes through one, so the ledger
 * and the stock levels cannot drift apart.
 */
@FunctionalInterface
public interface Ledger {

    void record(StockMovement movement);
}
