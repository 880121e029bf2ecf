/** Where notifications are kept: the PostgreSQL queries that make "once per order and template" and "one sender at a time" hold. */
package dev.orderflow.notification.store;
