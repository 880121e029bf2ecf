/**
 * Inventory's use cases, each one transaction: keeping the catalog and answering the saga's stock commands, with
 * the messages they leave in the outbox (the repositories they lock and store through are in {@code store}).
 */
package dev.orderflow.inventory.stock;
