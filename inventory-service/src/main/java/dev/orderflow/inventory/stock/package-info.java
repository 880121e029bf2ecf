/**
 * Inventory's use cases, each one transaction: keeping the catalog and answering the saga's stock commands,
 * with the repositories they lock and store through and the messages they leave in the outbox.
 */
package dev.orderflow.inventory.stock;
