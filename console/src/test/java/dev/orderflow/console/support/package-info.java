/** What the console's integration tests share: the running service on real Kafka and PostgreSQL, and a publisher. */
package dev.orderflow.console.support;
