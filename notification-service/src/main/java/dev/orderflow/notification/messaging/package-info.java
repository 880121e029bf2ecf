/** Listeners for the Kafka topics notification-service consumes, named for their source. */
package dev.orderflow.notification.messaging;
