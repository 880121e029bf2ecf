/**
 * order-service: owns orders (event-sourced), orchestrates the place-order saga and keeps a replica of the product
 * catalog. Sub-packages are features; {@code domain} is free of any framework.
 */
package dev.orderflow.order;
