/**
 * Listeners for the participants' replies (named for their source, one {@code on} method per reply) that hand
 * each reply to the place-order saga of its order.
 */
package dev.orderflow.order.messaging;
