/**
 * The wire contracts of orderflow: every message that crosses a service boundary, its topic and its
 * versioned type name. Plain Java records with no framework in them, so that any consumer can depend on them.
 */
package dev.orderflow.events;
