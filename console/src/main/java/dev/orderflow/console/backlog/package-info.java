/** How many messages each service has yet to relay from its outbox, read from its messaging gauges. */
package dev.orderflow.console.backlog;
