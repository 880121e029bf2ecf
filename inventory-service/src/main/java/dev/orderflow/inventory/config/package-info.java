/** Inventory's own settings, bound from {@code orderflow.inventory.*}. */
package dev.orderflow.inventory.config;
