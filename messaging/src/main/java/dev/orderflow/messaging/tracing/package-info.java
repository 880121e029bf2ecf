/**
 * Integration with Micrometer: each message's handling observed (with a tracer, a consumer span continuing the
 * message's trace), outgoing messages continuing the current span's trace, and the relay's producer span per message.
 */
package dev.orderflow.messaging.tracing;
