package dev.orderflow.simulator.faults;

/** The simulated party is failing or down: answered as {@code 503 Service Unavailable}. */
public class PartyUnavailableException extends RuntimeException {

    private final Party party;

    public PartyUnavailableException(Party party, String message) {
        super(message);
        this.party = party;
    }

    public Party party() {
        return party;
    }
}
