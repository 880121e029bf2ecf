package dev.orderflow.console.operations;

/** An action for a service the console does not know (a dead letter of a consumer group that is none of ours). */
public class UnknownServiceException extends RuntimeException {

    public UnknownServiceException(String service) {
        super("no admin API known for \"" + service + "\": the console calls order-service, inventory-service, "
                + "payment-service and notification-service");
    }
}
