/** Inventory's Kafka side: the saga's stock commands coming in; replies leave through the outbox. */
package dev.orderflow.inventory.messaging;
