/**
 * Inventory's business rules: products and their stock, reservations per order, and the append-only ledger
 * of every stock movement; free of Spring and Kafka so the rules can be read and tested on their own.
 */
package dev.orderflow.inventory.domain;
