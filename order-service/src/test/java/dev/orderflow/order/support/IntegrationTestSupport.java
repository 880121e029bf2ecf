package dev.orderflow.order.support;

import dev.orderflow.events.Money;
import dev.orderflow.events.inventory.ProductUpdated;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What integration tests do over and over: stock the catalog, place orders, wait for commands and statuses. */
public abstract class IntegrationTestSupport {

    protected static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    protected Api api;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected TestClock clock;

    protected KafkaPeers peers() {
        return KafkaPeers.get();
    }

    protected static String newCustomer() {
        return "c-" + UUID.randomUUID();
    }

    /** A SKU nobody else uses, published by "inventory" on inventory.products and seen by the replica. */
    protected String newProduct(String price) {
        String sku = "SKU-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        publishProduct(sku, "Product " + sku, price, 1L);
        awaitCatalogPrice(sku, price);
        return sku;
    }

    protected void publishProduct(String sku, String name, String price, Long sequence) {
        peers().publish(sku, sequence, new ProductUpdated(sku, name, Money.of(price, "EUR")));
    }

    protected void awaitCatalogPrice(String sku, String price) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(jdbc
                .sql("SELECT price_amount::text FROM catalog_product WHERE sku = :sku").param("sku", sku)
                .query(String.class).optional()).contains(price));
    }

    /** POSTs an order of these (sku, quantity) pairs; expects 202 and answers the order's JSON. */
    protected JsonNode placeOrder(String customerId, Map<String, Integer> lines) {
        Api.Response response = api.post("/api/orders", orderJson(customerId, lines));
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        return response.json();
    }

    protected static String orderJson(String customerId, Map<String, Integer> lines) {
        StringBuilder items = new StringBuilder();
        lines.forEach((sku, quantity) -> items.append(items.isEmpty() ? "" : ",")
                .append("{\"sku\":\"").append(sku).append("\",\"quantity\":").append(quantity).append('}'));
        return "{\"customerId\":\"" + customerId + "\",\"items\":[" + items + "]}";
    }

    protected static UUID idOf(JsonNode order) {
        return UUID.fromString(order.get("id").asString());
    }

    /** Waits until order-service has sent a command of this type for the order; answers it. */
    protected <C> C awaitCommand(UUID orderId, Class<C> type) {
        return type.cast(await().atMost(PATIENCE).until(() -> peers().commandsFor(orderId).stream()
                .filter(type::isInstance).findFirst().orElse(null), command -> command != null));
    }

    protected List<Object> commandsFor(UUID orderId) {
        return peers().commandsFor(orderId);
    }

    protected JsonNode getOrder(UUID orderId) {
        Api.Response response = api.get("/api/orders/" + orderId);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    protected JsonNode awaitOrder(UUID orderId, Predicate<JsonNode> condition) {
        return await().atMost(PATIENCE).until(() -> getOrder(orderId), condition);
    }

    protected JsonNode awaitStatus(UUID orderId, String status) {
        return awaitOrder(orderId, order -> order.get("status").asString().equals(status));
    }

    protected long storedEventsOfCustomer(String customerId) {
        return jdbc.sql("SELECT count(*) FROM order_event WHERE payload->>'customerId' = :customerId")
                .param("customerId", customerId)
                .query(Long.class).single();
    }
}
