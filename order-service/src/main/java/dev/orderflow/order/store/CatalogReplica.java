package dev.orderflow.order.store;

import dev.orderflow.events.Money;
import dev.orderflow.events.inventory.ProductUpdated;
import dev.orderflow.order.domain.CatalogProduct;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The {@code catalog_product} table, order-service's replica of inventory's catalog: the latest state of each
 * product, by the product's own sequence.
 */
@Component
public class CatalogReplica {

    private final JdbcClient jdbc;

    CatalogReplica(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The known products among these SKUs; an unknown SKU is simply absent from the map. */
    @Transactional(readOnly = true)
    public Map<String, CatalogProduct> find(Collection<String> skus) {
        if (skus.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("SELECT sku, name, price_amount, currency FROM catalog_product WHERE sku IN (:skus)")
                .param("skus", skus)
                .query((rs, row) -> new CatalogProduct(rs.getString("sku"), rs.getString("name"),
                        new Money(rs.getBigDecimal("price_amount"), rs.getString("currency"))))
                .stream()
                .collect(Collectors.toMap(CatalogProduct::sku, Function.identity()));
    }

    /**
     * Stores the product's state unless the replica already holds the same or a newer sequence of it (I5: an
     * older message never overwrites a newer state). A message without a sequence cannot be ordered, so it is
     * taken as the latest, as Kafka's per-key order delivers it. Answers whether it was applied.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean apply(ProductUpdated product, Long sequence, Instant now) {
        return jdbc.sql("""
                        INSERT INTO catalog_product (sku, name, price_amount, currency, sequence, updated_at)
                        VALUES (:sku, :name, :amount, :currency, :sequence, :now)
                        ON CONFLICT (sku) DO UPDATE SET
                            name = EXCLUDED.name, price_amount = EXCLUDED.price_amount, currency = EXCLUDED.currency,
                            sequence = COALESCE(EXCLUDED.sequence, catalog_product.sequence),
                            updated_at = EXCLUDED.updated_at
                        WHERE EXCLUDED.sequence IS NULL OR catalog_product.sequence IS NULL
                           OR catalog_product.sequence < EXCLUDED.sequence""")
                .param("sku", product.sku())
                .param("name", product.name())
                .param("amount", product.price().amount())
                .param("currency", product.price().currency())
                .param("sequence", sequence)
                .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .update() == 1;
    }
}
