package dev.orderflow.messaging.envelope;

/** A record whose CloudEvents headers are missing or invalid: it can never be handled, so it is not retried. */
public class InvalidEnvelopeException extends RuntimeException {

    public InvalidEnvelopeException(String message) {
        super(message);
    }
}
