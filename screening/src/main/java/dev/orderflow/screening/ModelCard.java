package dev.orderflow.screening;

import java.time.Instant;
import java.util.List;

/**
 * What a trained model is, kept beside it as JSON: its version, the features it was trained on, the threshold chosen
 * for it, how it was trained and how it did on held-out payments, beside the fixed rule on the same ones.
 *
 * @param version         the model's version, also its file name
 * @param featuresVersion {@link Features#VERSION} at training
 * @param features        {@link Features#NAMES} at training, in order
 * @param threshold       the score from which a payment is declined
 * @param trainedAt       when it was trained
 * @param data            how the labelled payments were made and split
 * @param model           the held-out payments' evaluation of the model at its threshold
 * @param rule            the same payments' evaluation of the fixed rule
 */
public record ModelCard(String version, String featuresVersion, List<String> features, double threshold,
                        Instant trainedAt, Data data, Evaluation model, Evaluation rule) {

    /**
     * @param generator    what made the payments ({@code SyntheticPayments} and its settings)
     * @param seed         its seed: the same seed makes the same payments
     * @param trainRows    payments trained on
     * @param validateRows payments the threshold was chosen on
     * @param testRows     held-out payments evaluated on (their customers in no other split)
     * @param trainer      the trainer and its settings
     */
    public record Data(String generator, long seed, int trainRows, int validateRows, int testRows, String trainer) {
    }

    /**
     * A screen's quality on labelled payments.
     *
     * @param prAuc  area under the precision-recall curve (average precision); NaN for a rule, which has no score
     * @param rocAuc area under the ROC curve; NaN for a rule
     */
    public record Evaluation(double precision, double recall, double prAuc, double rocAuc, long truePositives,
                             long falsePositives, long falseNegatives, long trueNegatives) {
    }
}
