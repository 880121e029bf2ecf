package dev.orderflow.systemtests;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console follows an order placed through the API from the topics alone: every message of its saga, written by
 * the service that owns it, in the order they were written, with the time each hop took. Who may ask is
 * {@link AuthenticationIT}'s (administrators only).
 */
class ConsoleIT extends EndToEndTest {

    @Test
    void seesAnOrdersWholeSagaMessageByMessage() {
        String sku = catalog.newProduct("4.50", 10);
        String orderId = api.placeAcceptedOrder("c-1004", new Api.Line(sku, 2));
        invariants.awaitStatus(orderId, "CONFIRMED");

        JsonNode seen = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.consoleOrder(orderId),
                        answer -> answer.status() == 200 && answer.body().path("messages").size() == 8)
                .body();

        JsonNode order = seen.path("order");
        assertThat(order.path("outcome").asString()).isEqualTo("CONFIRMED");
        assertThat(order.path("customerId").asString()).isEqualTo("c-1004");
        assertThat(Api.amount(order.path("total"))).isEqualByComparingTo("9.00");
        List<JsonNode> messages = seen.path("messages").valueStream().toList();
        assertThat(messages).extracting(message -> message.path("type").asString()).containsExactly("OrderPlaced",
                "ReserveStock", "StockReserved", "AuthorizePayment", "PaymentAuthorized", "OrderConfirmed",
                "CommitStock", "StockCommitted");
        assertThat(messages).extracting(message -> message.path("service").asString()).containsExactly(
                "order-service", "order-service", "inventory-service", "order-service", "payment-service",
                "order-service", "order-service", "inventory-service");
        assertThat(messages).allSatisfy(message ->
                assertThat(message.path("sincePreviousMillis").asLong()).isNotNegative());
        long hops = messages.stream().mapToLong(message -> message.path("sincePreviousMillis").asLong()).sum();
        // Each hop is cut to whole milliseconds, so their sum falls short of the span by less than one per hop.
        assertThat(hops).isBetween(seen.path("spanMillis").asLong() - messages.size(), seen.path("spanMillis").asLong());
        // Confirmed in the transaction that sends the stock's commit: before the last two messages.
        assertThat(order.path("durationMillis").asLong()).isBetween(0L, hops);
    }
}
