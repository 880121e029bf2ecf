package dev.orderflow.payment.domain;

import java.time.Instant;

/** What fraud screening needs to know of a customer's earlier payments. */
public interface PaymentHistory {

    /** How many payments (of any outcome) the customer asked for at or after the instant. */
    long paymentsSince(String customerId, Instant since);
}
