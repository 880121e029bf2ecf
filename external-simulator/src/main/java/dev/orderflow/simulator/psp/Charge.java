package dev.orderflow.simulator.psp;

import java.time.Instant;

/** One charge attempt the gateway answered, successful or declined. */
public record Charge(String chargeId, Status status, String declineCode, String reference, String customerId,
                     Amount amount, Instant createdAt) {

    public enum Status { SUCCEEDED, DECLINED }

    boolean succeeded() {
        return status == Status.SUCCEEDED;
    }
}
