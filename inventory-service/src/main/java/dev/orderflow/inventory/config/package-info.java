/** Inventory's own settings ({@code orderflow.inventory.*}) and the health check of its Kafka connection. */
package dev.orderflow.inventory.config;
