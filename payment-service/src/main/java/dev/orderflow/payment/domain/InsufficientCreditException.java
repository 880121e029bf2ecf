package dev.orderflow.payment.domain;

import dev.orderflow.events.Money;

/** A charge larger than the customer's available credit. */
public class InsufficientCreditException extends RuntimeException {

    public InsufficientCreditException(String customerId, Money amount, Money available) {
        super("customer " + customerId + " has " + available + " available, less than " + amount);
    }
}
