package dev.orderflow.payment.domain;

import dev.orderflow.events.Money;

/** A credit limit below what authorized payments already hold. */
public class CreditInUseException extends RuntimeException {

    public CreditInUseException(String customerId, Money requestedLimit, Money inUse) {
        super("customer " + customerId + " has " + inUse + " in use by authorized payments; the credit limit cannot go"
                + " below that (asked for " + requestedLimit + ")");
    }
}
