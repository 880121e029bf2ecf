package dev.orderflow.systemtests.faults;

import java.time.Duration;

/**
 * An outside party misbehaving for a while, through the simulator's fault API: the payment gateway down or slower
 * than payment's time limit, or the notification provider down. Orders then fail as PAYMENT_UNAVAILABLE (or time
 * out), notifications wait and are retried, and nothing is charged or sent twice.
 */
record PartyFault(String name, String party, long latencyMs, boolean outage, Duration length) implements Scenario {

    static PartyFault pspOutage(Duration length) {
        return new PartyFault("PSP outage " + length.toSeconds() + " s", "psp", 0, true, length);
    }

    /** Latency above payment's read timeout (2 s), so every call times out and is retried. */
    static PartyFault pspSlow(Duration length) {
        return new PartyFault("PSP slow (3 s > 2 s limit) " + length.toSeconds() + " s", "psp", 3_000, false,
                length);
    }

    static PartyFault providerOutage(Duration length) {
        return new PartyFault("notification provider outage " + length.toSeconds() + " s", "provider", 0, true,
                length);
    }

    @Override
    public void inject(FaultContext faults) {
        faults.awaitStreamAt(0.25);
        faults.shop().faults(party, latencyMs, outage);
        try {
            faults.pause(length);
        } finally {
            faults.shop().faults(party, 0, false);
        }
    }
}
