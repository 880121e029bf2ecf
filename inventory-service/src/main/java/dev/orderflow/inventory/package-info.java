/** inventory-service: owns products, prices, stock, reservations per order and the stock-movement ledger. */
package dev.orderflow.inventory;
