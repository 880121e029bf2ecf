package dev.orderflow.systemtests;

import dev.orderflow.localstack.launcher.OrderflowService;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The place-order saga end to end: each outcome of docs/contract.md section 4, then I1-I5 on every service's data. */
class PlaceOrderIT extends EndToEndTest {

    @Test
    void confirmsAnOrderChargesItOnceAndTellsTheCustomer() {
        String sku = catalog.newProduct("29.90", 10);

        Api.Response placed = api.placeOrder("c-1001", new Api.Line(sku, 2));

        assertThat(placed.status()).as("%s", placed).isEqualTo(202);
        String orderId = placed.text("id");
        assertThat(placed.header("Location")).hasValueSatisfying(location -> assertThat(location)
                .endsWith("/api/orders/" + orderId));
        assertThat(placed.text("status")).isEqualTo("PENDING");
        assertThat(Api.amount(placed.body().path("total"))).isEqualByComparingTo("59.80");

        JsonNode confirmed = invariants.awaitStatus(orderId, "CONFIRMED");
        assertThat(confirmed.path("items").get(0).path("unitPrice").path("amount").asString()).isEqualTo("29.90");
        invariants.holdFor(List.of(orderId), List.of(sku));
        JsonNode product = api.product(sku);
        assertThat(product.path("sold").asInt()).isEqualTo(2);
        assertThat(product.path("available").asInt()).isEqualTo(8);
        assertThat(api.payments(orderId)).singleElement().satisfies(payment ->
                assertThat(payment.path("status").asString()).isEqualTo("AUTHORIZED"));
        assertThat(api.orderEvents(orderId)).extracting(event -> event.path("type").asString())
                .containsExactly("dev.orderflow.order.OrderPlaced.v1", "dev.orderflow.order.OrderConfirmed.v1");
    }

    @Test
    void rejectsAnOrderWhenStockIsShortAndChargesNothing() {
        String plenty = catalog.newProduct("5.00", 10);
        String scarce = catalog.newProduct("5.00", 1);

        String orderId = api.placeAcceptedOrder("c-1002", new Api.Line(plenty, 1), new Api.Line(scarce, 2));

        JsonNode rejected = invariants.awaitStatus(orderId, "REJECTED");
        assertThat(rejected.path("failureReason").asString()).isEqualTo("OUT_OF_STOCK");
        invariants.holdFor(List.of(orderId), List.of(plenty, scarce));
        assertThat(api.product(plenty).path("available").asInt()).as("all lines or none").isEqualTo(10);
        assertThat(api.payments(orderId)).isEmpty();
    }

    @Test
    void rejectsAnOrderWhenCreditIsInsufficientAndReleasesItsStock() {
        String sku = catalog.newProduct("50.00", 5);

        // c-1007 is the demo customer with a low credit limit.
        String orderId = api.placeAcceptedOrder("c-1007", new Api.Line(sku, 1));

        JsonNode rejected = invariants.awaitStatus(orderId, "REJECTED");
        assertThat(rejected.path("failureReason").asString()).isEqualTo("INSUFFICIENT_CREDIT");
        invariants.holdFor(List.of(orderId), List.of(sku));
        assertThat(api.product(sku).path("available").asInt()).isEqualTo(5);
    }

    @Test
    void cancelsAConfirmedOrderRefundingThePaymentAndReturningTheStock() {
        String sku = catalog.newProduct("12.50", 4);
        String orderId = api.placeAcceptedOrder("c-1003", new Api.Line(sku, 3));
        invariants.awaitStatus(orderId, "CONFIRMED");

        Api.Response cancelled = api.cancel(orderId);

        assertThat(cancelled.status()).as("%s", cancelled).isBetween(200, 202);
        JsonNode order = invariants.awaitStatus(orderId, "CANCELLED");
        assertThat(order.path("failureReason").asString()).isEqualTo("CUSTOMER_CANCELLED");
        invariants.holdFor(List.of(orderId), List.of(sku));
        assertThat(api.product(sku).path("available").asInt()).isEqualTo(4);
        assertThat(api.payments(orderId)).singleElement().satisfies(payment ->
                assertThat(payment.path("status").asString()).isEqualTo("REFUNDED"));
        assertThat(api.cancel(orderId).status()).as("cancelling a cancelled order").isEqualTo(409);
    }

    @Test
    void answersTheSameOrderForTheSameIdempotencyKeyAndRefusesTheKeyForAnotherBody() {
        String sku = catalog.newProduct("3.00", 10);
        String key = "e2e-" + UUID.randomUUID();

        Api.Response first = api.placeOrder("c-1004", key, new Api.Line(sku, 1));
        Api.Response again = api.placeOrder("c-1004", key, new Api.Line(sku, 1));
        Api.Response otherBody = api.placeOrder("c-1004", key, new Api.Line(sku, 2));

        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isBetween(200, 202);
        assertThat(again.text("id")).isEqualTo(first.text("id"));
        assertThat(otherBody.status()).isIn(409, 422);
        invariants.holdFor(List.of(first.text("id")), List.of(sku));
        assertThat(api.product(sku).path("sold").asInt()).as("one order, one unit").isEqualTo(1);
    }

    @Test
    void refusesBadInputWithAProblemAndStoresNothing() {
        String sku = catalog.newProduct("1.00", 10);
        String customer = "c-e2e-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> badBodies = List.of(
                "{\"customerId\":\"" + customer + "\",\"items\":[{\"sku\":\"NO-SUCH-SKU\",\"quantity\":1}]}",
                "{\"customerId\":\"" + customer + "\",\"items\":[{\"sku\":\"" + sku + "\",\"quantity\":0}]}",
                "{\"customerId\":\"" + customer + "\",\"items\":[{\"sku\":\"" + sku + "\",\"quantity\":1001}]}",
                "{\"customerId\":\"" + customer + "\",\"items\":[]}",
                "{\"customerId\":\"" + customer + "\",\"items\":[{\"sku\":\"" + sku + "\",\"quantity\":\"two\"}]}",
                "{\"customerId\":\"" + customer + "\",\"items\":[{\"sku\":\"" + sku + "\",\"quantity\":1}",
                "{\"items\":[{\"sku\":\"" + sku + "\",\"quantity\":1}]}");

        for (String body : badBodies) {
            Api.Response answer = api.send(OrderflowService.ORDER, "POST",
                    "/api/orders", body, Map.of());
            assertThat(answer.status()).as("answer to %s: %s", body, answer).isIn(400, 422);
            assertThat(answer.raw().headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        }

        JsonNode page = api.get(OrderflowService.ORDER,
                "/api/orders?customerId=" + customer).body();
        assertThat(page.path("totalElements").asLong()).as("orders stored for %s", customer).isZero();
        assertThat(api.product(sku).path("available").asInt()).isEqualTo(10);
    }
}
