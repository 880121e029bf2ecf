/**
 * The read-only replica of inventory's product catalog, fed by {@code inventory.products}: what can be ordered and
 * at which price. Order-service never takes a price from a client.
 */
package dev.orderflow.order.catalog;
