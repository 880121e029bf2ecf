/** The read-only REST API over notifications, with RFC 9457 problem details for bad requests. */
package dev.orderflow.notification.web;
