/**
 * Orders in PostgreSQL: the append-only event store behind {@code Orders}, the query projection kept in the same
 * transaction, and its rebuild from the events.
 */
package dev.orderflow.order.store;
