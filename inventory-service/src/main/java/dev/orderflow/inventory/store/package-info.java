/** Where inventory's aggregates are kept: the repositories of products, reservations and stock movements. */
package dev.orderflow.inventory.store;
