/**
 * Where notifications are kept: SQL through {@code JdbcClient}, the statements that make "once per order and template"
 * and "one sender at a time" hold, with no object-relational mapping between them and PostgreSQL.
 */
package dev.orderflow.notification.store;
