/** The service's settings and the wiring that turns them into beans. */
package dev.orderflow.notification.config;
