package dev.orderflow.payment.web;

/** No credit account for the customer. */
class UnknownAccountException extends RuntimeException {

    UnknownAccountException(String customerId) {
        super("no credit account for customer " + customerId);
    }
}
