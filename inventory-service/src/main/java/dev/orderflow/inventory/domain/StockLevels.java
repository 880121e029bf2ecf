package dev.orderflow.inventory.domain;

import java.util.List;

/**
 * Stock levels of one SKU as its ledger tells them: replaying the movements must give the levels the product
 * holds, which is how invariant I2 is checked against history rather than against the product alone.
 */
public record StockLevels(long stocked, long available, long reserved, long sold) {

    public static StockLevels replay(List<StockMovement> movements) {
        long stocked = 0;
        long available = 0;
        long reserved = 0;
        long sold = 0;
        for (StockMovement movement : movements) {
            int q = movement.quantity();
            switch (movement.type()) {
                case RESTOCK -> {
                    stocked += q;
                    available += q;
                }
                case RESERVE -> {
                    available -= q;
                    reserved += q;
                }
                case RELEASE -> {
                    reserved -= q;
                    available += q;
                }
                case COMMIT -> {
                    reserved -= q;
                    sold += q;
                }
                case RETURN -> {
                    sold -= q;
                    available += q;
                }
            }
        }
        return new StockLevels(stocked, available, reserved, sold);
    }

    public static StockLevels of(Product product) {
        return new StockLevels((long) product.initialStock() + product.restocked(), product.available(),
                product.reserved(), product.sold());
    }

    /** I2: everything stocked is in exactly one bucket, and none is negative. */
    public boolean balanced() {
        return available >= 0 && reserved >= 0 && sold >= 0 && stocked == available + reserved + sold;
    }
}
