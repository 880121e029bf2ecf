/**
 * Runs the whole system on one machine as real processes: Kafka, PostgreSQL, the simulator and the services; used by
 * {@code ./orderflow up} and by system tests that start, kill and restart single services.
 */
package dev.orderflow.localstack.launcher;
