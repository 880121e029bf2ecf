package dev.orderflow.simulator.web;

/** The {@code Idempotency-Key} header every state-changing request of the simulated parties must carry. */
public final class IdempotencyKey {

    public static final String HEADER = "Idempotency-Key";
    private static final int MAX_LENGTH = 255;

    private IdempotencyKey() {
    }

    /** The key, checked: present, not blank, at most 255 characters. */
    public static String require(String key) {
        if (key == null || key.isBlank()) {
            throw new InvalidIdempotencyKeyException("the " + HEADER + " header must not be blank");
        }
        if (key.length() > MAX_LENGTH) {
            throw new InvalidIdempotencyKeyException("the " + HEADER + " header must be at most " + MAX_LENGTH
                    + " characters");
        }
        return key;
    }
}
