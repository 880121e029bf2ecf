package dev.orderflow.payment.store;

import dev.orderflow.payment.domain.ClosedOrder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.UUID;

import static dev.orderflow.payment.store.Columns.timestamp;

/** Orders closed before any payment was taken for them. */
@Repository
public class ClosedOrders {

    private final JdbcClient jdbc;

    ClosedOrders(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean existsById(UUID orderId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM closed_orders WHERE order_id = ?)").param(orderId)
                .query(Boolean.class).single();
    }

    /** Notes the order as closed; one closed already keeps its first reason. */
    public void addIfAbsent(ClosedOrder closed) {
        jdbc.sql("INSERT INTO closed_orders (order_id, reason, closed_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                .params(closed.orderId(), closed.reason(), timestamp(closed.closedAt()))
                .update();
    }
}
