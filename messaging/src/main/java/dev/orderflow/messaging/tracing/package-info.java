/**
 * Integration with Micrometer: each message's handling observed (with a tracer, a consumer span continuing the
 * message's trace), and outgoing messages continuing the current span's trace.
 */
package dev.orderflow.messaging.tracing;
