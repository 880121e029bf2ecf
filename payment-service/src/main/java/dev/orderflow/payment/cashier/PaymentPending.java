package dev.orderflow.payment.cashier;

import java.util.UUID;

/**
 * A payment now waits for the charge worker (held, or closed while pending); published inside the transaction that
 * stored it, acted on after its commit, so the worker starts at once instead of on its next scan.
 */
record PaymentPending(UUID paymentId) {
}
