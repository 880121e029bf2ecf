/** Test support for the integration tests: the shared context, an HTTP client, a settable clock, Kafka peers. */
package dev.orderflow.order.support;
