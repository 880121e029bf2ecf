/** The consuming side: listener containers for the message handlers, and the inbox that makes them idempotent. */
package dev.orderflow.messaging.inbox;
