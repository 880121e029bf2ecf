package dev.orderflow.simulator.psp;

/** A refund named a charge the gateway never made. */
public class UnknownChargeException extends RuntimeException {

    public UnknownChargeException(String chargeId) {
        super("no charge " + chargeId);
    }
}
