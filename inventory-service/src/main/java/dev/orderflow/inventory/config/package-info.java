/** Inventory's own settings ({@code orderflow.inventory.*}). */
package dev.orderflow.inventory.config;
