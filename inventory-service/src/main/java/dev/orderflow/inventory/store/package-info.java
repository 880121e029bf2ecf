/**
 * Where inventory's aggregates are kept: the repositories of products, reservations and stock movements, as SQL
 * through {@code JdbcClient} (and {@code JdbcTemplate} for batches), with no object-relational mapping between the
 * reservation path and PostgreSQL.
 */
package dev.orderflow.inventory.store;
