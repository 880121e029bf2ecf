/** notification-service: tells customers, once each, how their orders ended. */
package dev.orderflow.notification;
