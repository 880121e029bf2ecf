package dev.orderflow.simulator.faults;

import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/** The fault settings in force for each party, and the dice that decide whether a request is hit. */
@Component
public class FaultPlan {

    private final Map<Party, FaultSettings> settings = new EnumMap<>(Party.class);
    private final DoubleSupplier dice;

    public FaultPlan() {
        this(() -> ThreadLocalRandom.current().nextDouble());
    }

    /** For tests that need to know how the dice fall; values are in {@code [0, 1)}. */
    FaultPlan(DoubleSupplier dice) {
        this.dice = dice;
        for (Party party : Party.values()) {
            settings.put(party, FaultSettings.NONE);
        }
    }

    public synchronized FaultSettings of(Party party) {
        return settings.get(party);
    }

    public synchronized void set(Party party, FaultSettings faults) {
        settings.put(party, faults);
    }

    /** Whether this request to the party should fail, given its outage flag and failure rate. */
    public boolean failsNow(Party party) {
        FaultSettings faults = of(party);
        return faults.outage() || hits(faults.failureRate());
    }

    /** Whether this otherwise valid charge should be declined, given the gateway's decline rate. */
    public boolean declinesNow(Party party) {
        return hits(of(party).declineRate());
    }

    private boolean hits(double rate) {
        return rate > 0.0 && dice.getAsDouble() < rate;
    }
}
