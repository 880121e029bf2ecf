package dev.orderflow.systemtests;

import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Products a test makes for itself, so that it owns their stock figures whatever other tests do. */
final class Catalog {

    private final Api api;

    Catalog(Api api) {
        this.api = api;
    }

    /** Creates a product in inventory and waits until order-service's catalog replica prices it. */
    String newProduct(String price, int stock) {
        String sku = "E2E-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Api.Response created = api.createProduct(sku, "End-to-end " + sku, price, stock);
        assertThat(created.status()).as("creating %s: %s", sku, created).isEqualTo(201);
        awaitKnownToOrders(sku);
        return sku;
    }

    /**
     * The replica learns of products through Kafka, so a brand-new SKU is unknown to order-service for a moment.
     * The probe is an order that can never be accepted, the same SKU on two lines: it passes request validation
     * and reaches pricing, which names an SKU it does not know in {@code unknownSkus}; once priced, the order is
     * refused for its repeated line instead, and nothing is stored either way.
     */
    void awaitKnownToOrders(String sku) {
        await("order-service's catalog to know " + sku).atMost(Duration.ofSeconds(60))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    Api.Response probe = api.placeOrder("c-1001", new Api.Line(sku, 1), new Api.Line(sku, 1));
                    assertThat(probe.status()).as("probe order %s", probe).isEqualTo(422);
                    return probe.body().path("unknownSkus").isMissingNode();
                });
    }

    JsonNode product(String sku) {
        return api.product(sku);
    }
}
