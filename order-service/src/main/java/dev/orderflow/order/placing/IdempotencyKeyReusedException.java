package dev.orderflow.order.placing;

/** An Idempotency-Key already used for a different request: answering with that order would be wrong. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException(String key) {
        super("Idempotency-Key '" + key + "' was already used for a different request");
    }
}
