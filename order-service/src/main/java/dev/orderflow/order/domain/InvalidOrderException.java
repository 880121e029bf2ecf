package dev.orderflow.order.domain;

/** An order that breaks the rules of what can be ordered (lines, quantities); nothing was stored. */
public class InvalidOrderException extends RuntimeException {

    public InvalidOrderException(String message) {
        super(message);
    }
}
