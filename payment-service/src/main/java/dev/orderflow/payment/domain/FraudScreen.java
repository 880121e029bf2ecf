package dev.orderflow.payment.domain;

import dev.orderflow.events.payment.AuthorizePayment;
import dev.orderflow.screening.CustomerHistory;

import java.time.Instant;
import java.util.Optional;

/**
 * Decides whether a payment looks fraudulent before anything is charged. An interface so that a learned anomaly
 * screen can replace the rules without touching the cashier.
 */
public interface FraudScreen {

    /**
     * Why the payment is suspected, or empty when it may go ahead.
     *
     * @param history the customer's history before this attempt, as the cashier read it with the account locked
     * @param now     when the payment is attempted
     */
    Optional<String> suspicion(AuthorizePayment payment, CustomerHistory history, Instant now);
}
