package dev.orderflow.inventory.domain;

import dev.orderflow.events.Money;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Products and a ledger to test the domain with. */
final class InventoryFixtures {

    private InventoryFixtures() {
    }

    /** A ledger kept in memory, oldest movement first. */
    static final class MemoryLedger implements Ledger {
        final List<StockMovement> movements = new ArrayList<>();

        @Override
        public void record(StockMovement movement) {
            movements.add(movement);
        }

        List<StockMovement> of(String sku) {
            return movements.stream().filter(m -> m.sku().equals(sku)).toList();
        }

        void forget() {
            movements.clear();
        }
    }

    static Product aProduct(String sku, int stock, Ledger ledger) {
        return Product.create(sku, "Product " + sku, Money.of("9.90", "EUR"), stock, ledger);
    }

    static Map<String, Product> bySku(Product... products) {
        return List.of(products).stream().collect(Collectors.toMap(Product::sku, Function.identity()));
    }

    static ReservationLine line(String sku, int quantity) {
        return new ReservationLine(sku, quantity);
    }
}
