/**
 * Inventory's contract: commands it takes on {@code inventory.commands}, its replies on {@code inventory.events}
 * (both keyed by order id) and the catalog it publishes on the compacted {@code inventory.products} (keyed by SKU).
 */
package dev.orderflow.events.inventory;
