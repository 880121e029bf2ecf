package dev.orderflow.order;

import dev.orderflow.events.Money;
import dev.orderflow.events.inventory.ProductUpdated;
import dev.orderflow.order.domain.CatalogProduct;
import dev.orderflow.order.store.CatalogReplica;
import dev.orderflow.order.support.IntegrationTestSupport;
import dev.orderflow.order.support.OrderServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@OrderServiceIntegrationTest
class CatalogReplicaIT extends IntegrationTestSupport {

    @Autowired
    private CatalogReplica catalog;

    @Autowired
    private TransactionTemplate transactions;

    @Test
    void takesNewPricesFromInventoryForNewOrdersOnly() {
        String sku = newProduct("10.00");
        String customer = newCustomer();
        UUID before = idOf(placeOrder(customer, Map.of(sku, 1)));

        publishProduct(sku, "Renamed", "12.00", 2L);
        awaitCatalogPrice(sku, "12.00");

        assertThat(placeOrder(customer, Map.of(sku, 1)).get("total").get("amount").asString()).isEqualTo("12.00");
        assertThat(getOrder(before).get("total").get("amount").asString()).isEqualTo("10.00");
    }

    @Test
    void neverLetsAnOlderProductStateOverwriteANewerOne() {
        String sku = "SKU-" + UUID.randomUUID();

        boolean newer = apply(new ProductUpdated(sku, "v5", Money.of("5.00", "EUR")), 5L);
        boolean older = apply(new ProductUpdated(sku, "v4", Money.of("4.00", "EUR")), 4L);
        boolean same = apply(new ProductUpdated(sku, "v5 again", Money.of("5.50", "EUR")), 5L);

        assertThat(List.of(newer, older, same)).containsExactly(true, false, false);
        assertThat(catalog.find(List.of(sku)))
                .containsExactly(Map.entry(sku, new CatalogProduct(sku, "v5", Money.of("5.00", "EUR"))));
        assertThat(apply(new ProductUpdated(sku, "v6", Money.of("6.00", "EUR")), 6L)).isTrue();
    }

    private boolean apply(ProductUpdated product, long sequence) {
        return Boolean.TRUE.equals(transactions.execute(status -> catalog.apply(product, sequence, Instant.now())));
    }
}
