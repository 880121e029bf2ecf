package dev.orderflow.notification.delivery;

/** The provider could not take the message now (down, overloaded, too slow, circuit open): try again later. */
public class ProviderUnavailableException extends RuntimeException {

    public ProviderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
