package dev.orderflow.simulator.psp;

/** A refund the gateway will not make: of a declined charge, in another currency, or more than was charged. */
public class RefundRefusedException extends RuntimeException {

    public RefundRefusedException(String message) {
        super(message);
    }
}
