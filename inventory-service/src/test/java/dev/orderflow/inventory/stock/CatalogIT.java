package dev.orderflow.inventory.stock;

import dev.orderflow.events.Money;
import dev.orderflow.inventory.InventoryIntegrationTest;
import dev.orderflow.inventory.domain.StockLevels;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.orderflow.inventory.InventoryTestData.aSku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The catalog against the real schema: racing creations, and the constraints that hold I2 even against a bug. */
@InventoryIntegrationTest
class CatalogIT {

    @Autowired
    Catalog catalog;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void createsAProductOnceWhenTheSameSkuIsCreatedConcurrently() throws Exception {
        String sku = aSku();
        int attempts = 8;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        List<Future<String>> outcomes = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            for (int i = 0; i < attempts; i++) {
                int stock = i + 1;
                outcomes.add(pool.submit(() -> {
                    start.await();
                    try {
                        catalog.create(new NewProduct(sku, "Racer " + stock, Money.of("1.00", "EUR"), stock));
                        return "created";
                    } catch (DuplicateSku e) {
                        return "duplicate";
                    }
                }));
            }
            start.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get(1, TimeUnit.MINUTES));
            }
            assertThat(results).containsOnlyOnce("created").containsOnly("created", "duplicate");
        } finally {
            pool.shutdownNow();
        }
        StockLevels levels = StockLevels.of(catalog.product(sku));
        assertThat(StockLevels.replay(catalog.movements(sku))).isEqualTo(levels);
        assertThat(catalog.movements(sku)).hasSize(1);
    }

    @Test
    void theDatabaseRefusesStockThatDoesNotBalanceOrGoesNegative() {
        String sku = catalog.create(new NewProduct(aSku(), "Guarded", Money.of("1.00", "EUR"), 5)).sku();

        assertThatThrownBy(() -> jdbc.update("update product set available = available + 1 where sku = ?", sku))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("product_stock_balances");
        assertThatThrownBy(() -> jdbc.update(
                "update product set available = -1, reserved = 6 where sku = ?", sku))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("product_available_not_negative");
        assertThat(catalog.product(sku).available()).isEqualTo(5);
    }

    @Test
    void theLedgerCannotBeRewritten() {
        String sku = catalog.create(new NewProduct(aSku(), "Ledgered", Money.of("1.00", "EUR"), 5)).sku();

        assertThatThrownBy(() -> jdbc.update("update stock_movement set quantity = 50 where sku = ?", sku))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from stock_movement where sku = ?", sku))
                .hasMessageContaining("append-only");
        assertThat(catalog.movements(sku)).singleElement().extracting(m -> m.quantity()).isEqualTo(5);
    }
}
