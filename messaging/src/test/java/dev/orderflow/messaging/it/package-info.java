/** Integration tests of messaging on real Kafka and PostgreSQL, around a tiny test application. */
package dev.orderflow.messaging.it;
