/** Events of the order lifecycle, published by order-service on {@code orders.events}, keyed by order id. */
package dev.orderflow.events.order;
