/**
 * End-to-end tests: the whole system as real processes (Kafka, PostgreSQL, the simulator, the four services),
 * driven through REST only and checked against every service's own data with the invariants of docs/contract.md.
 */
package dev.orderflow.systemtests;
