package dev.orderflow.order.domain;

import java.util.UUID;

/** A change the order's current status does not allow, such as cancelling a rejected order. */
public class OrderStateException extends RuntimeException {

    private final UUID orderId;
    private final OrderStatus status;

    public OrderStateException(UUID orderId, OrderStatus status, String attempted) {
        super("order " + orderId + " is " + status + " and cannot be " + attempted);
        this.orderId = orderId;
        this.status = status;
    }

    public UUID orderId() {
        return orderId;
    }

    public OrderStatus status() {
        return status;
    }
}
