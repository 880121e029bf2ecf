package dev.orderflow.order.store;

import dev.orderflow.events.Money;
import dev.orderflow.events.RejectionReason;
import dev.orderflow.events.order.OrderEvent;
import dev.orderflow.events.order.OrderPlaced;
import dev.orderflow.order.domain.Order;
import dev.orderflow.order.domain.OrderLine;
import dev.orderflow.order.domain.OrderStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The {@code order_summary} table: one row per order for listing and filtering, derived from the events. Each row
 * is written whole from the aggregate, never patched, so the projection is as right as the events it comes from.
 */
@Component
public class OrderProjection {

    private final JdbcClient jdbc;
    private final JdbcClient streaming;

    OrderProjection(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        // The replay reads every event: fetched in chunks (inside the transaction), not all into memory at once.
        JdbcTemplate chunked = new JdbcTemplate(dataSource);
        chunked.setFetchSize(1000);
        this.streaming = JdbcClient.create(chunked);
    }

    /** Writes the order's row; an older version never overwrites a newer one. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void update(OrderSummary order) {
        List<OrderPlaced.Line> lines = order.lines().stream()
                .map(line -> new OrderPlaced.Line(line.sku(), line.quantity(), line.unitPrice()))
                .toList();
        jdbc.sql("""
                        INSERT INTO order_summary (order_id, customer_id, status, failure_reason, lines, total_amount,
                                                   currency, created_at, updated_at, version)
                        VALUES (:id, :customerId, :status, :failureReason, CAST(:lines AS jsonb), :amount, :currency,
                                :createdAt, :updatedAt, :version)
                        ON CONFLICT (order_id) DO UPDATE SET
                            status = EXCLUDED.status, failure_reason = EXCLUDED.failure_reason,
                            updated_at = EXCLUDED.updated_at, version = EXCLUDED.version
                        WHERE order_summary.version < EXCLUDED.version""")
                .param("id", order.id())
                .param("customerId", order.customerId())
                .param("status", order.status().name())
                .param("failureReason", order.failureReason() == null ? null : order.failureReason().name())
                .param("lines", EventSerializer.toJson(lines))
                .param("amount", order.total().amount())
                .param("currency", order.total().currency())
                .param("createdAt", OffsetDateTime.ofInstant(order.createdAt(), ZoneOffset.UTC))
                .param("updatedAt", OffsetDateTime.ofInstant(order.updatedAt(), ZoneOffset.UTC))
                .param("version", order.version())
                .update();
    }

    /** Orders newest first, optionally of one customer and/or in one status. */
    @Transactional(readOnly = true)
    public OrderSummaryPage find(String customerId, OrderStatus status, int page, int size) {
        StringBuilder where = new StringBuilder(" WHERE TRUE");
        if (customerId != null) {
            where.append(" AND customer_id = :customerId");
        }
        if (status != null) {
            where.append(" AND status = :status");
        }
        JdbcClient.StatementSpec count = jdbc.sql("SELECT count(*) FROM order_summary" + where);
        JdbcClient.StatementSpec select = jdbc.sql("SELECT * FROM order_summary" + where
                + " ORDER BY created_at DESC, order_id LIMIT :limit OFFSET :offset");
        if (customerId != null) {
            count = count.param("customerId", customerId);
            select = select.param("customerId", customerId);
        }
        if (status != null) {
            count = count.param("status", status.name());
            select = select.param("status", status.name());
        }
        long total = count.query(Long.class).single();
        List<OrderSummary> content = select.param("limit", size).param("offset", (long) page * size)
                .query((rs, row) -> read(rs))
                .list();
        return new OrderSummaryPage(content, page, size, total);
    }

    /**
     * Throws the projection away and replays every order's events into it, in one transaction. Readers keep seeing
     * the old projection until the new one is committed; writers wait for the table lock, then write their order's
     * row over the rebuilt one (rows are written whole, guarded by version, so nothing is lost either way).
     */
    @Transactional
    public RebuildResult rebuild() {
        // EXCLUSIVE lets plain SELECTs through; DELETE rather than TRUNCATE, which would lock readers out and is not
        // MVCC-safe for transactions that started before it.
        jdbc.sql("LOCK TABLE order_summary IN EXCLUSIVE MODE").update();
        jdbc.sql("DELETE FROM order_summary").update();
        List<OrderEvent> history = new ArrayList<>();
        UUID[] current = new UUID[1];
        long[] counts = new long[2];
        streaming.sql("SELECT order_id, type, payload::text AS payload FROM order_event ORDER BY order_id, version")
                .query(rs -> {
                    UUID orderId = rs.getObject("order_id", UUID.class);
                    if (current[0] != null && !current[0].equals(orderId)) {
                        update(OrderSummary.of(Order.rebuild(current[0], history)));
                        counts[0]++;
                        history.clear();
                    }
                    current[0] = orderId;
                    history.add(EventSerializer.toEvent(rs.getString("type"), rs.getString("payload")));
                    counts[1]++;
                });
        if (!history.isEmpty()) {
            update(OrderSummary.of(Order.rebuild(current[0], history)));
            counts[0]++;
        }
        return new RebuildResult(counts[0], counts[1]);
    }

    private static OrderSummary read(ResultSet rs) throws SQLException {
        String currency = rs.getString("currency");
        List<OrderLine> lines = Arrays.stream(EventSerializer.fromJson(rs.getString("lines"), OrderPlaced.Line[].class))
                .map(line -> new OrderLine(line.sku(), line.quantity(), line.unitPrice()))
                .toList();
        String failureReason = rs.getString("failure_reason");
        return new OrderSummary(
                rs.getObject("order_id", UUID.class),
                rs.getString("customer_id"),
                OrderStatus.valueOf(rs.getString("status")),
                failureReason == null ? null : RejectionReason.valueOf(failureReason),
                lines,
                new Money(rs.getBigDecimal("total_amount"), currency),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
                rs.getLong("version"));
    }

    /** How many orders and events a rebuild replayed. */
    public record RebuildResult(long orders, long events) {
    }

    /** One page of orders and how many match in all. */
    public record OrderSummaryPage(List<OrderSummary> content, int page, int size, long totalElements) {
    }
}
