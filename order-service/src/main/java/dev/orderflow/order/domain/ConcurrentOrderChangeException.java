package dev.orderflow.order.domain;

import java.util.UUID;

/** Someone else appended to the order's history since it was loaded: the change was not stored, try again. */
public class ConcurrentOrderChangeException extends RuntimeException {

    public ConcurrentOrderChangeException(UUID orderId, long expectedVersion, Throwable cause) {
        super("order " + orderId + " changed after version " + expectedVersion, cause);
    }
}
