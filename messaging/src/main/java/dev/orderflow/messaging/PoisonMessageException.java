package dev.orderflow.messaging;

/**
 * Thrown by a {@link MessageHandler} for a message that can never succeed, however often it is retried: the
 * message goes straight to the dead-letter topic and the partition moves on.
 */
public class PoisonMessageException extends RuntimeException {

    public PoisonMessageException(String message) {
        super(message);
    }

    public PoisonMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
