/** The CloudEvents envelope of orderflow messages: Kafka header mapping, trace context and causality. */
package dev.orderflow.messaging.envelope;
