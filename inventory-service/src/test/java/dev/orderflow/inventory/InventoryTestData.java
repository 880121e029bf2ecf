package dev.orderflow.inventory;

import dev.orderflow.events.Money;
import dev.orderflow.inventory.stock.NewProduct;

import java.util.UUID;

/** Fresh SKUs and products, since every test shares one database. */
public final class InventoryTestData {

    private InventoryTestData() {
    }

    public static String aSku() {
        return "T-" + UUID.randomUUID().toString().substring(0, 13).toUpperCase();
    }

    public static NewProduct aProduct(int stock) {
        return new NewProduct(aSku(), "Test product", Money.of("4.50", "EUR"), stock);
    }
}
