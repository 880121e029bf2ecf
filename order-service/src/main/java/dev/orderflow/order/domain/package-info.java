/**
 * The order aggregate, event-sourced: its state is rebuilt from its {@code OrderEvent}s and every change is a new
 * event. Plain Java with no framework in it (an ArchUnit test keeps it so).
 */
package dev.orderflow.order.domain;
