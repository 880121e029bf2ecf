/**
 * Messaging's Kafka clients, topics and health check: their settings, derived from the service's own Kafka
 * configuration.
 */
package dev.orderflow.messaging.kafka;
