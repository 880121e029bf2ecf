package dev.orderflow.inventory.stock;

import dev.orderflow.events.inventory.CommitStock;
import dev.orderflow.events.inventory.InventoryEvent;
import dev.orderflow.events.inventory.ReleaseStock;
import dev.orderflow.events.inventory.ReserveStock;
import dev.orderflow.events.inventory.StockLine;
import dev.orderflow.events.inventory.StockRejected;
import dev.orderflow.events.inventory.StockReserved;
import dev.orderflow.inventory.InventoryIntegrationTest;
import dev.orderflow.inventory.domain.Product;
import dev.orderflow.inventory.domain.StockLevels;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.orderflow.inventory.InventoryTestData.aProduct;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many orders racing for scarce stock on real PostgreSQL. Orders list their SKUs in random order, so without
 * locking in SKU order they would deadlock, and without locking at all they would oversell.
 */
@InventoryIntegrationTest
class ConcurrentReservationsIT {

    private static final int ORDERS = 200;
    private static final int THREADS = 24;

    @Autowired
    Catalog catalog;

    @Autowired
    OrderStock orderStock;

    @Test
    void neverOversellsAndKeepsEveryProductBalancedUnderConcurrentOrders() throws Exception {
        List<Product> products = List.of(catalog.create(aProduct(40)), catalog.create(aProduct(25)),
                catalog.create(aProduct(10)));
        Random random = new Random(7);
        List<ReserveStock> orders = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            List<StockLine> lines = new ArrayList<>();
            for (Product product : products) {
                if (random.nextInt(3) > 0) {
                    lines.add(new StockLine(product.sku(), 1 + random.nextInt(3)));
                }
            }
            if (lines.isEmpty()) {
                lines.add(new StockLine(products.getFirst().sku(), 1));
            }
            Collections.shuffle(lines, random);
            orders.add(new ReserveStock(UUID.randomUUID(), lines));
        }

        List<InventoryEvent> replies = all(orders.stream()
                .<Callable<InventoryEvent>>map(order -> () -> orderStock.reserve(order)).toList());

        List<StockReserved> reserved = ofType(replies, StockReserved.class);
        assertThat(reserved).as("some orders get their stock").isNotEmpty();
        assertThat(ofType(replies, StockRejected.class)).as("the stock runs out for others").isNotEmpty();
        for (Product product : products) {
            StockLevels levels = balancedLevels(product.sku());
            assertThat(levels.reserved()).isEqualTo(quantityOf(product.sku(), reserved.stream()
                    .flatMap(reply -> reply.lines().stream()).toList()));
            assertThat(levels.available()).isBetween(0L, levels.stocked());
        }

        // Then all at once: every other reserved order confirmed, the rest cancelled.
        List<Callable<InventoryEvent>> settlements = new ArrayList<>();
        for (int i = 0; i < reserved.size(); i++) {
            UUID order = reserved.get(i).orderId();
            settlements.add(i % 2 == 0 ? () -> orderStock.commit(new CommitStock(order))
                    : () -> orderStock.release(new ReleaseStock(order)));
        }
        all(settlements);

        List<StockLine> sold = new ArrayList<>();
        for (int i = 0; i < reserved.size(); i += 2) {
            sold.addAll(reserved.get(i).lines());
        }
        for (Product product : products) {
            StockLevels levels = balancedLevels(product.sku());
            assertThat(levels.reserved()).isZero();
            assertThat(levels.sold()).isEqualTo(quantityOf(product.sku(), sold));
            assertThat(levels.available()).isEqualTo(levels.stocked() - levels.sold());
        }
    }

    /** Runs the calls at once; any one failing (a deadlock, say) fails the test. */
    private static <T> List<T> all(List<Callable<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = calls.stream().map(call -> pool.submit(() -> {
                start.await();
                return call.call();
            })).toList();
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(2, TimeUnit.MINUTES));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private StockLevels balancedLevels(String sku) {
        StockLevels levels = StockLevels.of(catalog.product(sku));
        assertThat(levels.balanced()).as("I2 for %s: %s", sku, levels).isTrue();
        assertThat(StockLevels.replay(catalog.movements(sku))).as("ledger of %s", sku).isEqualTo(levels);
        return levels;
    }

    private static long quantityOf(String sku, List<StockLine> lines) {
        return lines.stream().filter(line -> line.sku().equals(sku)).mapToLong(StockLine::quantity).sum();
    }

    private static <T> List<T> ofType(List<InventoryEvent> replies, Class<T> type) {
        return replies.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
