/**
 * The console's read model: SQL through {@code JdbcClient}, the upsert that merges messages arriving in any order
 * into one row per order, and the queries the pages and the API read.
 */
package dev.orderflow.console.store;
