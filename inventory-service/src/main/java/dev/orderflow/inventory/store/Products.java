package dev.orderflow.inventory.store;

import dev.orderflow.events.Money;
import dev.orderflow.inventory.domain.Product;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The products. Stock is only ever changed on rows obtained through the {@code lock} methods, and written back by
 * {@link #update} in the same transaction.
 */
@Repository
public class Products {

    private static final String COLUMNS =
            "sku, name, price_amount, price_currency, initial_stock, restocked, available, reserved, sold, version";

    private static final RowMapper<Product> PRODUCT = (row, number) -> Product.restore(row.getString("sku"),
            row.getString("name"), new Money(row.getBigDecimal("price_amount"), row.getString("price_currency")),
            row.getInt("initial_stock"), row.getInt("restocked"), row.getInt("available"), row.getInt("reserved"),
            row.getInt("sold"), row.getLong("version"));

    private static final String UPDATE = """
            UPDATE product SET name = ?, price_amount = ?, price_currency = ?, restocked = ?, available = ?,
                   reserved = ?, sold = ?, version = ?, updated_at = now()
             WHERE sku = ?""";

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;

    Products(JdbcClient jdbc, JdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    public Optional<Product> findById(String sku) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM product WHERE sku = ?").param(sku).query(PRODUCT).optional();
    }

    public boolean existsById(String sku) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM product WHERE sku = ?)").param(sku).query(Boolean.class)
                .single();
    }

    public List<Product> findAllByOrderBySku() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM product ORDER BY sku").query(PRODUCT).list();
    }

    /**
     * {@code SELECT ... FOR UPDATE} in SKU order: every transaction that locks several products takes them in
     * the same order, so two of them never wait for each other in a circle.
     */
    public List<Product> lockAllInSkuOrder(Collection<String> skus) {
        return skus.isEmpty() ? List.of() : jdbc.sql("SELECT " + COLUMNS
                        + " FROM product WHERE sku IN (:skus) ORDER BY sku FOR UPDATE")
                .param("skus", skus).query(PRODUCT).list();
    }

    public Optional<Product> lock(String sku) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM product WHERE sku = ? FOR UPDATE").param(sku).query(PRODUCT)
                .optional();
    }

    /** Stores a new product; a SKU that exists already fails the primary key (a {@code DuplicateKeyException}). */
    public void insert(Product product) {
        jdbc.sql("INSERT INTO product (" + COLUMNS + ", created_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), now())")
                .params(product.sku(), product.name(), product.price().amount(), product.price().currency(),
                        product.initialStock(), product.restocked(), product.available(), product.reserved(),
                        product.sold(), product.version())
                .update();
    }

    /** Writes back products locked in this transaction, in one round trip. */
    public void update(Collection<Product> changed) {
        if (changed.isEmpty()) {
            return;
        }
        int[] updated = batches.batchUpdate(UPDATE, changed.stream().map(product -> new Object[] {product.name(),
                product.price().amount(), product.price().currency(), product.restocked(), product.available(),
                product.reserved(), product.sold(), product.version(), product.sku()}).toList());
        for (int count : updated) {
            if (count == 0) {
                throw new IllegalStateException("a product locked in this transaction is gone: " + changed);
            }
        }
    }
}
