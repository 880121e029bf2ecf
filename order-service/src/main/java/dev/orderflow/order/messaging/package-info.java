/**
 * Listeners for the topics order-service consumes: the participants' replies (named for their source, one
 * {@code on} method per reply) that hand each reply to the place-order saga of its order, and inventory's
 * {@code inventory.products}, which keeps the catalog replica in step.
 */
package dev.orderflow.order.messaging;
