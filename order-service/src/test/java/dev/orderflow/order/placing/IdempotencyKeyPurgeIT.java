package dev.orderflow.order.placing;

import dev.orderflow.order.support.Api;
import dev.orderflow.order.support.IntegrationTestSupport;
import dev.orderflow.order.support.OrderServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@OrderServiceIntegrationTest
class IdempotencyKeyPurgeIT extends IntegrationTestSupport {

    @Autowired
    private IdempotencyKeyPurge purge;

    @Test
    void forgetsKeysOlderThanTheRetentionAndKeepsTheOthers() {
        String sku = newProduct("6.00");
        String customer = newCustomer();
        Map<String, String> oldKey = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        Map<String, String> recentKey = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        String body = orderJson(customer, Map.of(sku, 1));
        String first = api.post("/api/orders", body, oldKey).json().get("id").asString();
        String recent = api.post("/api/orders", body, recentKey).json().get("id").asString();
        jdbc.sql("UPDATE idempotency_key SET created_at = created_at - interval '25 hours' WHERE idempotency_key = :key")
                .param("key", oldKey.get("Idempotency-Key")).update();

        assertThat(purge.purge()).isGreaterThanOrEqualTo(1);

        Api.Response afterRetention = api.post("/api/orders", body, oldKey);
        assertThat(afterRetention.status()).isEqualTo(202);
        assertThat(afterRetention.json().get("id").asString()).as("a new order").isNotEqualTo(first);
        assertThat(api.post("/api/orders", body, recentKey).json().get("id").asString()).isEqualTo(recent);
    }
}
