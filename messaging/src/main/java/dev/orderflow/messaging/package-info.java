/**
 * The messaging API every service uses: the transactional {@link dev.orderflow.messaging.Outbox}, the
 * {@link dev.orderflow.messaging.MessageHandler}s it consumes with, and their auto-configuration.
 */
package dev.orderflow.messaging;
