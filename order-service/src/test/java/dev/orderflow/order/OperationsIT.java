package dev.orderflow.order;

import dev.orderflow.events.inventory.ReserveStock;
import dev.orderflow.events.inventory.StockRejected;
import dev.orderflow.order.support.Api;
import dev.orderflow.order.support.IntegrationTestSupport;
import dev.orderflow.order.support.OrderServiceIntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What operators rely on: probes, metrics, the API description. */
@OrderServiceIntegrationTest
class OperationsIT extends IntegrationTestSupport {

    @Test
    void isReadyWhenItsDatabaseAndKafkaAre() {
        Api.Response readiness = api.get("/actuator/health/readiness");

        assertThat(readiness.status()).as(readiness.toString()).isEqualTo(200);
        assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);
        Api.Response health = api.get("/actuator/health");
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void exposesSagaOutcomesAndDurationsToPrometheus() {
        String sku = newProduct("1.50");
        UUID orderId = idOf(placeOrder(newCustomer(), Map.of(sku, 1)));
        awaitCommand(orderId, ReserveStock.class);
        peers().publish(orderId.toString(), null,
                new StockRejected(orderId, List.of(new StockRejected.Shortage(sku, 1, 0))));
        awaitStatus(orderId, "REJECTED");

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(api.get("/actuator/prometheus").body())
                .contains("orderflow_saga_outcomes_total{", "reason=\"OUT_OF_STOCK\"", "status=\"REJECTED\"")
                .contains("orderflow_saga_duration_seconds_count{"));
    }

    @Test
    void describesItsApiWithOpenApi() {
        Api.Response docs = api.get("/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").propertyNames())
                .contains("/api/orders", "/api/orders/{id}", "/api/orders/{id}/events", "/api/orders/{id}/cancel");
        assertThat(api.get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    @Test
    void exposesOnlyTheEndpointsOperatorsNeed() {
        assertThat(api.get("/actuator/env").status()).isEqualTo(404);
        assertThat(api.get("/actuator/beans").status()).isEqualTo(404);
    }
}
