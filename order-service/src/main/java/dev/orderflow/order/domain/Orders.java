package dev.orderflow.order.domain;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** All orders, as histories of events. */
public interface Orders {

    Optional<Order> find(UUID orderId);

    /** The order as it stood at that instant: rebuilt from the events that had happened by then. */
    Optional<Order> findAsOf(UUID orderId, Instant asOf);

    /**
     * Appends the order's new events (and publishes them). Fails with {@link ConcurrentOrderChangeException} when
     * another change was appended since the order was loaded.
     */
    void save(Order order);

    default Order get(UUID orderId) {
        return find(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
    }
}
