package dev.orderflow.simulator.faults;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** An outside party the simulator plays; each has its own fault settings. */
public enum Party {
    /** The payment gateway, under {@code /psp/**}. */
    PSP("/psp/**"),
    /** The mail/SMS provider, under {@code /provider/**}. */
    PROVIDER("/provider/**");

    private final String pathPattern;

    Party(String pathPattern) {
        this.pathPattern = pathPattern;
    }

    public String pathPattern() {
        return pathPattern;
    }

    /** The party named in a URL, e.g. {@code psp}; case does not matter. */
    public static Optional<Party> named(String name) {
        return Arrays.stream(values()).filter(party -> party.name().equals(name.toUpperCase(Locale.ROOT))).findFirst();
    }
}
