package dev.orderflow.console.operations;

/** A service's admin API could not be asked: unreachable, too slow, failing, or its circuit breaker open. */
public class ServiceUnavailableException extends RuntimeException {

    public ServiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
