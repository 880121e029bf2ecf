/** Delivery of PENDING notifications to the external provider: the dispatcher, the guarded provider client, metrics. */
package dev.orderflow.notification.delivery;
