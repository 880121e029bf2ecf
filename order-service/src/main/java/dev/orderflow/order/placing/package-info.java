/**
 * Placing an order: pricing its lines from the catalog replica, storing it, starting its saga, and making a
 * retried request (same Idempotency-Key) answer with the first order instead of placing a second.
 */
package dev.orderflow.order.placing;
