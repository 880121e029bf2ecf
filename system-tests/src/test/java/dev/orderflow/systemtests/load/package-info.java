/**
 * The order load benchmark (a main class, never a test): open-loop order placement against the running system,
 * with throughput and latency percentiles beside the machine's own PostgreSQL and Kafka baselines.
 */
package dev.orderflow.systemtests.load;
