/** The console's wiring: its settings, who may call what, and the clock. */
package dev.orderflow.console.config;
