package dev.orderflow.order.domain;

import java.util.UUID;

/** No order with this id (or none yet at the point in time asked about). */
public class OrderNotFoundException extends RuntimeException {

    public OrderNotFoundException(UUID orderId) {
        super("no order " + orderId);
    }
}
