/** Forgetting finished orders after a while, so the read model stays the size of the recent past. */
package dev.orderflow.console.retention;
