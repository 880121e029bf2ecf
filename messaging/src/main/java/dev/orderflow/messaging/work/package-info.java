/**
 * Work done outside any transaction after a transaction asked for it (a charge at a payment gateway, a message to a
 * provider): a queue table leased item by item, and the background worker that claims, processes and settles.
 */
package dev.orderflow.messaging.work;
