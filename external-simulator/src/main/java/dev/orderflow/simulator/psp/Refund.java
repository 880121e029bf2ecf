package dev.orderflow.simulator.psp;

import java.time.Instant;

/** Money paid back against a successful charge. */
public record Refund(String refundId, Status status, String chargeId, Amount amount, Instant createdAt) {

    public enum Status { SUCCEEDED }
}
