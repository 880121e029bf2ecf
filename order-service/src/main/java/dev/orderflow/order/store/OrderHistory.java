package dev.orderflow.order.store;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Reads an order's stored events as they are, oldest first. */
@Component
public class OrderHistory {

    private final JdbcClient jdbc;

    OrderHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<RecordedEvent> of(UUID orderId) {
        return jdbc.sql("""
                        SELECT type, version, occurred_at, payload::text AS payload FROM order_event
                        WHERE order_id = :orderId ORDER BY version""")
                .param("orderId", orderId)
                .query((rs, row) -> new RecordedEvent(rs.getString("type"), rs.getLong("version"),
                        rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getString("payload")))
                .list();
    }
}
