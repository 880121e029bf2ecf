package dev.orderflow.notification.delivery;

/** The provider refused the message itself (a 4xx other than a throttle): sending it again cannot help. */
public class ProviderRefusedException extends RuntimeException {

    public ProviderRefusedException(String message) {
        super(message);
    }
}
