/** Messaging's own database schema, migrated independently of the service's. */
package dev.orderflow.messaging.schema;
