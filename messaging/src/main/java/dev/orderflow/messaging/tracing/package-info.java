/** Optional integration with Micrometer Tracing: outgoing messages continue the current span's trace. */
package dev.orderflow.messaging.tracing;
