/** The payment gateway (PSP) client: idempotent HTTP calls behind retry, circuit breaker, bulkhead and timeouts. */
package dev.orderflow.payment.psp;
