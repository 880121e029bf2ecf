package dev.orderflow.payment.psp;

/** The gateway could not be reached for a call that must eventually happen (a refund): the caller retries later. */
public class PaymentGatewayUnavailableException extends RuntimeException {

    public PaymentGatewayUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
