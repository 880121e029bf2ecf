/** Messaging's Kafka clients and topics: their settings, derived from the service's own Kafka configuration. */
package dev.orderflow.messaging.kafka;
