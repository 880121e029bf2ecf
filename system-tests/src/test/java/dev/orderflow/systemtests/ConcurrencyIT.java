package dev.orderflow.systemtests;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Many customers racing for little stock: nothing is oversold and every order ends. */
class ConcurrencyIT extends EndToEndTest {

    private static final int ORDERS = 200;
    private static final int STOCK = 50;

    @Test
    void twoHundredConcurrentOrdersNeverOversellFiftyUnits() throws Exception {
        String sku = catalog.newProduct("1.00", STOCK);

        List<Future<String>> placing = new ArrayList<>();
        try (ExecutorService customers = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < ORDERS; i++) {
                String customer = "c-10%02d".formatted(1 + i % 10);
                placing.add(customers.submit(() -> api.placeAcceptedOrder(customer, new Api.Line(sku, 1))));
            }
        }
        List<String> orderIds = new ArrayList<>();
        for (Future<String> placed : placing) {
            orderIds.add(placed.get());
        }

        invariants.holdFor(orderIds, List.of(sku));

        Map<String, Long> outcomes = invariants.awaitTerminal(orderIds).stream().collect(Collectors.groupingBy(
                order -> order.path("status").asString() + "/" + order.path("failureReason").asString(""),
                Collectors.counting()));
        long confirmed = outcomes.getOrDefault("CONFIRMED/", 0L);
        JsonNode product = api.product(sku);
        assertThat(product.path("sold").asLong()).as("units sold, outcomes %s", outcomes).isEqualTo(confirmed);
        assertThat(product.path("available").asLong()).isEqualTo(STOCK - confirmed);
        assertThat(confirmed).as("confirmed orders, outcomes %s", outcomes).isBetween(1L, (long) STOCK);
        // Past the stock, orders are refused. On a machine too slow for the saga deadline some time out instead, and
        // a burst of charges to a gateway that shares two cores with everything may be slower than its time limit:
        // the circuit breaker opens and those payments are declined as unavailable. All of them end with nothing
        // held, which holdFor checked; nothing else may happen to them.
        assertThat(outcomes.keySet()).as("outcomes").isSubsetOf("CONFIRMED/", "REJECTED/OUT_OF_STOCK",
                "REJECTED/TIMED_OUT", "REJECTED/PAYMENT_UNAVAILABLE");
        assertThat(outcomes.getOrDefault("REJECTED/OUT_OF_STOCK", 0L)).as("outcomes %s", outcomes).isPositive();
    }
}
