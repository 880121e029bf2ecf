/** The transactional outbox: storing messages with the state change that caused them, and relaying them to Kafka. */
package dev.orderflow.messaging.outbox;
