package dev.orderflow.events.payment;

import java.util.Objects;

/**
 * How payment screening judged a payment, as its reply reports it: the model's score, the threshold from which the
 * model suspects a payment, and whether the model decided or only watched while the fixed rule decided.
 *
 * @param model     the screening model's version, e.g. {@code payment-screening-v1}
 * @param score     the model's probability that the payment is fraudulent, in [0, 1]
 * @param threshold the score from which the model suspects a payment, in (0, 1]
 * @param mode      whether the model decided
 */
public record Screening(String model, double score, double threshold, Mode mode) {

    /** Who decided on the payment: the fixed rule, with the model watching (shadow), or the model. */
    public enum Mode {
        SHADOW,
        ENFORCE
    }

    public Screening {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(mode, "mode");
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("a score is in [0, 1], not " + score);
        }
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("a threshold is in (0, 1], not " + threshold);
        }
    }

    /** Whether the model suspects the payment (and, enforced, declined it). */
    public boolean suspected() {
        return score >= threshold;
    }
}
