/** Test fixtures: the real provider simulator, a publisher of order events on real Kafka, the shared IT setup. */
package dev.orderflow.notification.support;
