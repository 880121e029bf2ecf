package dev.orderflow.payment.domain;

import dev.orderflow.events.payment.AuthorizePayment;

import java.util.Optional;

/**
 * Decides whether a payment looks fraudulent before anything is charged. An interface so that a learned anomaly
 * screen can replace the rules without touching the cashier.
 */
public interface FraudScreen {

    /** Why the payment is suspected, or empty when it may go ahead. */
    Optional<String> suspicion(AuthorizePayment payment);
}
