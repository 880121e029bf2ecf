package dev.orderflow.payment.psp;

/** What came of asking the gateway for a charge. */
public sealed interface ChargeOutcome {

    /** The gateway took the money. */
    record Charged(String chargeId) implements ChargeOutcome {
    }

    /** The gateway refused (card declined, do not honor, ...); nothing was taken. */
    record Declined(String declineCode) implements ChargeOutcome {
    }

    /** No answer could be had (down, slow, circuit open, too busy); nothing is known to have been taken. */
    record Unavailable(String why) implements ChargeOutcome {
    }
}
