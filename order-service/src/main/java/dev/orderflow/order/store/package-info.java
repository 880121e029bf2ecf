/**
 * Orders in PostgreSQL: the append-only event store behind {@code Orders}, the query projection kept in the same
 * transaction, and its rebuild from the events; and the replica of inventory's catalog that orders are priced
 * from.
 */
package dev.orderflow.order.store;
