/** Micrometer meters of the outbox, the relay and the consumers. */
package dev.orderflow.messaging.metrics;
