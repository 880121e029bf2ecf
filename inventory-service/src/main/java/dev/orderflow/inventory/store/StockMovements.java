package dev.orderflow.inventory.store;

import dev.orderflow.inventory.domain.MovementType;
import dev.orderflow.inventory.domain.StockMovement;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** The stock ledger as stored: appended to, read back per SKU, oldest first. */
@Repository
public class StockMovements {

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;

    StockMovements(JdbcClient jdbc, JdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    /** Appends the movements in one round trip, in the caller's transaction; the database numbers them. */
    public void append(Collection<StockMovement> movements) {
        if (movements.isEmpty()) {
            return;
        }
        batches.batchUpdate("INSERT INTO stock_movement (sku, type, quantity, order_id, occurred_at) "
                        + "VALUES (?, ?, ?, ?, now())",
                movements.stream().map(movement -> new Object[] {movement.sku(), movement.type().name(),
                        movement.quantity(), movement.orderId()}).toList());
    }

    public List<StockMovement> findBySkuOrderById(String sku) {
        return jdbc.sql("SELECT id, sku, type, quantity, order_id, occurred_at FROM stock_movement "
                        + "WHERE sku = ? ORDER BY id")
                .param(sku)
                .query((row, number) -> StockMovement.restore(row.getLong("id"), row.getString("sku"),
                        MovementType.valueOf(row.getString("type")), row.getInt("quantity"),
                        row.getObject("order_id", UUID.class),
                        row.getObject("occurred_at", OffsetDateTime.class).toInstant()))
                .list();
    }
}
