package dev.orderflow.simulator.web;

/** The idempotency header is blank or too long. */
public class InvalidIdempotencyKeyException extends RuntimeException {

    public InvalidIdempotencyKeyException(String message) {
        super(message);
    }
}
