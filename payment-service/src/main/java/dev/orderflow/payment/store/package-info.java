/**
 * The repositories of the domain's types, written as SQL through {@code JdbcClient}: each statement is the one the
 * path needs, with no object-relational mapping (translation, dirty checking, flushing) between it and PostgreSQL.
 */
package dev.orderflow.payment.store;
