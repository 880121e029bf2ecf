package dev.orderflow.console.operations;

/** order-service could not be asked: unreachable, too slow, failing, or its circuit breaker open. */
public class OrderServiceUnavailableException extends RuntimeException {

    public OrderServiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
