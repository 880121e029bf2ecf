/**
 * Real Kafka and PostgreSQL for integration tests: embedded when Docker is absent, Testcontainers when it runs.
 */
package dev.orderflow.localstack;
