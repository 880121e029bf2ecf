package dev.orderflow.order;

import dev.orderflow.order.support.Api;
import dev.orderflow.order.support.IntegrationTestSupport;
import dev.orderflow.order.support.OrderServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

@OrderServiceIntegrationTest
class OrdersApiIT extends IntegrationTestSupport {

    @Test
    void placesAPendingOrderPricedFromTheCatalogReplica() {
        String sku = newProduct("29.90");
        String customer = newCustomer();

        Api.Response response = api.post("/api/orders",
                "{\"customerId\":\"" + customer + "\",\"items\":[{\"sku\":\"" + sku + "\",\"quantity\":2,"
                        + "\"unitPrice\":{\"amount\":\"0.01\",\"currency\":\"EUR\"}}]}");

        assertThat(response.status()).isEqualTo(202);
        JsonNode order = response.json();
        assertThat(response.location()).contains("/api/orders/" + order.get("id").asString());
        assertThat(order.get("customerId").asString()).isEqualTo(customer);
        assertThat(order.get("status").asString()).isEqualTo("PENDING");
        assertThat(order.get("failureReason").isNull()).isTrue();
        assertThat(order.get("items").get(0).get("sku").asString()).isEqualTo(sku);
        assertThat(order.get("items").get(0).get("quantity").asInt()).isEqualTo(2);
        assertThat(order.get("items").get(0).get("unitPrice").get("amount").asString())
                .as("the catalog's price, not the client's").isEqualTo("29.90");
        assertThat(order.get("total").get("amount").asString()).isEqualTo("59.80");
        assertThat(order.get("total").get("currency").asString()).isEqualTo("EUR");
        assertThat(order.get("version").asLong()).isEqualTo(1);
        assertThat(order.get("createdAt").asString()).isEqualTo(order.get("updatedAt").asString());

        assertThat(getOrder(idOf(order))).isEqualTo(order);
    }

    @Test
    void showsTheHistoryOfAnOrderOldestFirst() {
        String sku = newProduct("10.00");
        UUID orderId = idOf(placeOrder(newCustomer(), Map.of(sku, 1)));
        api.post("/api/orders/" + orderId + "/cancel", null);

        Api.Response response = api.get("/api/orders/" + orderId + "/events");

        assertThat(response.status()).isEqualTo(200);
        JsonNode events = response.json();
        assertThat(events).hasSize(2);
        assertThat(events.get(0).get("type").asString()).isEqualTo("dev.orderflow.order.OrderPlaced.v1");
        assertThat(events.get(0).get("version").asLong()).isEqualTo(1);
        assertThat(events.get(0).get("data").get("total").get("amount").asString()).isEqualTo("10.00");
        assertThat(events.get(1).get("type").asString()).isEqualTo("dev.orderflow.order.OrderCancelled.v1");
        assertThat(events.get(1).get("version").asLong()).isEqualTo(2);
        assertThat(events.get(1).get("data").get("reason").asString()).isEqualTo("CUSTOMER_CANCELLED");
        assertThat(Instant.parse(events.get(1).get("time").asString()))
                .isAfterOrEqualTo(Instant.parse(events.get(0).get("time").asString()));
    }

    @Test
    void answersAnOrderAsItStoodAtAnInstant() {
        String sku = newProduct("5.00");
        JsonNode placed = placeOrder(newCustomer(), Map.of(sku, 3));
        UUID orderId = idOf(placed);
        Instant placedAt = Instant.parse(placed.get("createdAt").asString());
        JsonNode cancelled = api.post("/api/orders/" + orderId + "/cancel", null).json();

        JsonNode then = api.get("/api/orders/" + orderId + "?asOf=" + placedAt).json();
        assertThat(then.get("status").asString()).isEqualTo("PENDING");
        assertThat(then.get("version").asLong()).isEqualTo(1);

        JsonNode now = api.get("/api/orders/" + orderId + "?asOf=" + cancelled.get("updatedAt").asString()).json();
        assertThat(now.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(now.get("failureReason").asString()).isEqualTo("CUSTOMER_CANCELLED");

        Api.Response before = api.get("/api/orders/" + orderId + "?asOf=" + placedAt.minusMillis(1));
        assertThat(before.status()).as("the order did not exist yet").isEqualTo(404);
        assertThat(before.contentType()).contains("application/problem+json");
    }

    @Test
    void answersNotFoundForAnUnknownOrder() {
        Api.Response response = api.get("/api/orders/" + UUID.randomUUID());

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).contains("application/problem+json");
        assertThat(response.json().get("detail").asString()).startsWith("no order ");
        assertThat(api.get("/api/orders/" + UUID.randomUUID() + "/events").status()).isEqualTo(404);
        assertThat(api.get("/api/orders/not-a-uuid").status()).isEqualTo(400);
        assertThat(api.get("/api/orders/" + UUID.randomUUID() + "?asOf=yesterday").status()).isEqualTo(400);
    }

    @Test
    void listsACustomersOrdersNewestFirstAPageAtATime() {
        String sku = newProduct("1.00");
        String customer = newCustomer();
        UUID first = idOf(placeOrder(customer, Map.of(sku, 1)));
        UUID second = idOf(placeOrder(customer, Map.of(sku, 2)));
        UUID third = idOf(placeOrder(customer, Map.of(sku, 3)));
        api.post("/api/orders/" + second + "/cancel", null);

        JsonNode page = api.get("/api/orders?customerId=" + customer + "&page=0&size=2").json();
        assertThat(page.get("totalElements").asLong()).isEqualTo(3);
        assertThat(page.get("totalPages").asLong()).isEqualTo(2);
        assertThat(page.get("content").valueStream().map(order -> order.get("id").asString()))
                .containsExactly(third.toString(), second.toString());
        JsonNode next = api.get("/api/orders?customerId=" + customer + "&page=1&size=2").json();
        assertThat(next.get("content").valueStream().map(order -> order.get("id").asString()))
                .containsExactly(first.toString());

        JsonNode cancelled = api.get("/api/orders?customerId=" + customer + "&status=CANCELLED").json();
        assertThat(cancelled.get("content").valueStream().map(order -> order.get("id").asString()))
                .containsExactly(second.toString());
        assertThat(cancelled.get("content").get(0).get("version").asLong()).isEqualTo(2);

        assertThat(api.get("/api/orders?status=LOST").status()).isEqualTo(400);
        assertThat(api.get("/api/orders?size=1000").status()).isEqualTo(400);
    }

    @Test
    void cancellingATerminalOrderIsAConflict() {
        String sku = newProduct("2.00");
        UUID orderId = idOf(placeOrder(newCustomer(), Map.of(sku, 1)));
        assertThat(api.post("/api/orders/" + orderId + "/cancel", null).status()).isEqualTo(200);

        Api.Response again = api.post("/api/orders/" + orderId + "/cancel", null);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("detail").asString()).contains("is CANCELLED and cannot be cancelled");
        assertThat(api.post("/api/orders/" + UUID.randomUUID() + "/cancel", null).status()).isEqualTo(404);
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheSameOrder() {
        String sku = newProduct("3.00");
        String customer = newCustomer();
        String body = orderJson(customer, Map.of(sku, 2));
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());

        Api.Response first = api.post("/api/orders", body, key);
        Api.Response retry = api.post("/api/orders", body.replace(",", " , "), key);

        assertThat(first.status()).isEqualTo(202);
        assertThat(retry.status()).isEqualTo(202);
        assertThat(retry.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(retry.location()).isEqualTo(first.location());
        assertThat(api.get("/api/orders?customerId=" + customer).json().get("totalElements").asLong()).isEqualTo(1);
    }

    @Test
    void anIdempotencyKeyCannotBeReusedForAnotherRequest() {
        String sku = newProduct("3.00");
        String customer = newCustomer();
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        assertThat(api.post("/api/orders", orderJson(customer, Map.of(sku, 2)), key).status()).isEqualTo(202);

        Api.Response other = api.post("/api/orders", orderJson(customer, Map.of(sku, 3)), key);

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json().get("title").asString()).isEqualTo("Idempotency-Key reused");
        assertThat(api.get("/api/orders?customerId=" + customer).json().get("totalElements").asLong()).isEqualTo(1);
    }

    @Test
    void concurrentRequestsWithOneIdempotencyKeyPlaceOneOrder() throws Exception {
        String sku = newProduct("4.00");
        String customer = newCustomer();
        String body = orderJson(customer, Map.of(sku, 1));
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        List<Callable<Api.Response>> requests = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            requests.add(() -> api.post("/api/orders", body, key));
        }

        List<Api.Response> responses = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
            for (Future<Api.Response> response : clients.invokeAll(requests)) {
                responses.add(response.get());
            }
        }

        assertThat(responses).allSatisfy(response -> assertThat(response.status()).isEqualTo(202));
        assertThat(responses.stream().map(response -> response.json().get("id").asString()).distinct()).hasSize(1);
        assertThat(api.get("/api/orders?customerId=" + customer).json().get("totalElements").asLong()).isEqualTo(1);
        assertThat(storedEventsOfCustomer(customer)).isEqualTo(1);
    }

    @Test
    void refusesBadOrdersWithAProblemThatSaysWhatIsWrongAndStoresNothing() {
        String sku = newProduct("1.00");
        String customer = newCustomer();
        StringBuilder fiftyOneLines = new StringBuilder();
        for (int i = 0; i < 51; i++) {
            fiftyOneLines.append(i == 0 ? "" : ",").append("{\"sku\":\"").append(sku).append(i).append("\",\"quantity\":1}");
        }

        assertProblem(api.post("/api/orders", orderJson(customer, Map.of("SKU-NOPE-" + UUID.randomUUID(), 1))),
                422, "unknown SKU");
        assertProblem(api.post("/api/orders", orderJson(customer, Map.of(sku, 0))), 400, "items[0].quantity");
        assertProblem(api.post("/api/orders", orderJson(customer, Map.of(sku, 1001))), 400, "items[0].quantity");
        assertProblem(api.post("/api/orders", "{\"customerId\":\"" + customer + "\",\"items\":[]}"), 400, "items");
        assertProblem(api.post("/api/orders", "{\"customerId\":\"" + customer + "\",\"items\":[" + fiftyOneLines + "]}"),
                400, "items");
        assertProblem(api.post("/api/orders", "{\"customerId\":\"" + customer + "\",\"items\":[{\"sku\":\"" + sku
                + "\",\"quantity\":1},{\"sku\":\"" + sku + "\",\"quantity\":2}]}"), 422, "repeated: [" + sku + "]");
        assertProblem(api.post("/api/orders", "{\"customerId\":\"" + customer + "\",\"items\":[{\"sku\":"), 400,
                "not well-formed JSON");
        assertProblem(api.post("/api/orders", "{\"customerId\":\"" + customer + "\",\"items\":[{\"sku\":\"" + sku
                + "\",\"quantity\":\"many\"}]}"), 400, "items[0].quantity has the wrong type or format");
        assertProblem(api.post("/api/orders", "{\"items\":[{\"sku\":\"" + sku + "\",\"quantity\":1}]}"), 400,
                "customerId: must not be null: an administrator names the customer the order is for");
        assertProblem(api.post("/api/orders", orderJson(" ", Map.of(sku, 1))), 400, "customerId");
        assertProblem(api.post("/api/orders", "{\"items\":[{\"sku\":\"" + sku + "\"}]}"), 400, "items[0].quantity");
        assertProblem(api.post("/api/orders", null), 400, "missing");
        assertProblem(api.post("/api/orders", orderJson(customer, Map.of(sku, 1)), Map.of("Content-Type", "text/plain")),
                415, "text/plain");
        assertProblem(api.post("/api/orders", orderJson(customer, Map.of(sku, 1)), Map.of("Idempotency-Key", "a b")),
                400, "Idempotency");

        assertThat(storedEventsOfCustomer(customer)).isZero();
        assertThat(api.get("/api/orders?customerId=" + customer).json().get("totalElements").asLong()).isZero();
    }

    private static void assertProblem(Api.Response response, int status, String detailPart) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).contains("application/problem+json");
        assertThat(response.body()).as(response.toString()).contains(detailPart);
    }

    @Test
    void rebuildingTheProjectionFromTheEventsGivesTheSameOrders() {
        String sku = newProduct("7.00");
        String customer = newCustomer();
        UUID kept = idOf(placeOrder(customer, Map.of(sku, 1)));
        UUID cancelled = idOf(placeOrder(customer, Map.of(sku, 2)));
        api.post("/api/orders/" + cancelled + "/cancel", null);
        String before = api.get("/api/orders?customerId=" + customer).body();
        jdbc.sql("DELETE FROM order_summary WHERE order_id = :id").param("id", kept).update();
        jdbc.sql("UPDATE order_summary SET status = 'PENDING', version = 1 WHERE order_id = :id")
                .param("id", cancelled).update();
        assertThat(api.get("/api/orders?customerId=" + customer).body()).isNotEqualTo(before);

        Api.Response rebuilt = api.post("/api/admin/projections/orders/rebuild", null);

        assertThat(rebuilt.status()).isEqualTo(200);
        assertThat(rebuilt.json().get("orders").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(rebuilt.json().get("events").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(api.get("/api/orders?customerId=" + customer).body()).isEqualTo(before);
    }
}
