/** Demo data for the {@code demo} profile: a small catalog to place orders against. Never in production. */
package dev.orderflow.inventory.demo;
