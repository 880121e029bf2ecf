package dev.orderflow.order.store;

import dev.orderflow.events.order.OrderEvent;
import dev.orderflow.messaging.Outbox;
import dev.orderflow.order.domain.ConcurrentOrderChangeException;
import dev.orderflow.order.domain.Order;
import dev.orderflow.order.domain.Orders;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The event store: an order is the rows of {@code order_event} with its id, in version order. Saving appends the
 * new events, refreshes the projection and hands the events to the outbox, all in the caller's transaction.
 */
@Repository
class JdbcOrders implements Orders {

    private final JdbcClient jdbc;
    private final OrderProjection projection;
    private final Outbox outbox;

    JdbcOrders(JdbcClient jdbc, OrderProjection projection, Outbox outbox) {
        this.jdbc = jdbc;
        this.projection = projection;
        this.outbox = outbox;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Order> find(UUID orderId) {
        List<OrderEvent> history = jdbc.sql("""
                        SELECT type, payload::text AS payload FROM order_event
                        WHERE order_id = :orderId ORDER BY version""")
                .param("orderId", orderId)
                .query((rs, row) -> EventSerializer.toEvent(rs.getString("type"), rs.getString("payload")))
                .list();
        return history.isEmpty() ? Optional.empty() : Optional.of(Order.rebuild(orderId, history));
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Order> findAsOf(UUID orderId, Instant asOf) {
        // A prefix of the history, in version order: even if two instances' clocks disagreed a little, the answer is
        // a state the order really had, never one with an event skipped.
        List<OrderEvent> history = jdbc.sql("""
                        SELECT type, payload::text AS payload FROM order_event
                        WHERE order_id = :orderId ORDER BY version""")
                .param("orderId", orderId)
                .query((rs, row) -> EventSerializer.toEvent(rs.getString("type"), rs.getString("payload")))
                .list().stream()
                .takeWhile(event -> !event.occurredAt().isAfter(asOf))
                .toList();
        return history.isEmpty() ? Optional.empty() : Optional.of(Order.rebuild(orderId, history));
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void save(Order order) {
        List<OrderEvent> changes = order.changes();
        if (changes.isEmpty()) {
            return;
        }
        long version = order.loadedVersion();
        for (OrderEvent event : changes) {
            version++;
            append(order, version, event);
        }
        projection.update(OrderSummary.of(order));
        version = order.loadedVersion();
        for (OrderEvent event : changes) {
            version++;
            outbox.append(order.id().toString(), version, event);
        }
        order.markStored();
    }

    private void append(Order order, long version, OrderEvent event) {
        try {
            jdbc.sql("""
                            INSERT INTO order_event (order_id, version, type, payload, occurred_at)
                            VALUES (:orderId, :version, :type, CAST(:payload AS jsonb), :occurredAt)""")
                    .param("orderId", order.id())
                    .param("version", version)
                    .param("type", EventSerializer.typeOf(event))
                    .param("payload", EventSerializer.toJson(event))
                    .param("occurredAt", OffsetDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new ConcurrentOrderChangeException(order.id(), order.loadedVersion(), e);
        }
    }
}
