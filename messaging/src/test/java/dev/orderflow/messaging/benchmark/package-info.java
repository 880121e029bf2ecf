/** A benchmark of the outbox relay against a raw Kafka producer on the same broker; not a test. */
package dev.orderflow.messaging.benchmark;
