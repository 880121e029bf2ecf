/** Retention of messaging's tables and the refresh of the outbox backlog gauges. */
package dev.orderflow.messaging.housekeeping;
