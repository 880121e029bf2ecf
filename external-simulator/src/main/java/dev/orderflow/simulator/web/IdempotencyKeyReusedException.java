package dev.orderflow.simulator.web;

/** An idempotency key came back with a different request than the one it was first used for. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException(String key) {
        super("idempotency key '" + key + "' was already used for a different request");
    }
}
