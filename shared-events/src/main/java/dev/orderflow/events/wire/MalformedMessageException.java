package dev.orderflow.events.wire;

/** A payload that is not valid JSON for its type, or that breaks the type's own rules. Never worth a retry. */
public class MalformedMessageException extends RuntimeException {

    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
