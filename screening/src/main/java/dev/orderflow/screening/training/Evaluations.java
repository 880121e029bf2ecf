package dev.orderflow.screening.training;

import dev.orderflow.screening.ModelCard.Evaluation;
import org.tribuo.classification.evaluation.LabelEvaluationUtil;

import java.util.Arrays;

/** A screen's quality on labelled payments: by a model's scores at a threshold, or by a rule's verdicts. */
final class Evaluations {

    private Evaluations() {
    }

    /** The model's: suspected when the score is at least {@code threshold}; the areas from the scores. */
    static Evaluation ofScores(boolean[] fraud, double[] scores, double threshold) {
        boolean[] suspected = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            suspected[i] = scores[i] >= threshold;
        }
        Evaluation counts = ofVerdicts(fraud, suspected);
        return new Evaluation(counts.precision(), counts.recall(), LabelEvaluationUtil.averagedPrecision(fraud, scores),
                LabelEvaluationUtil.binaryAUCROC(fraud, scores), counts.truePositives(), counts.falsePositives(),
                counts.falseNegatives(), counts.trueNegatives());
    }

    /** A rule's: it suspects or not, so it has one point, no curve (the areas are NaN). */
    static Evaluation ofVerdicts(boolean[] fraud, boolean[] suspected) {
        long tp = 0;
        long fp = 0;
        long fn = 0;
        long tn = 0;
        for (int i = 0; i < fraud.length; i++) {
            if (suspected[i]) {
                if (fraud[i]) {
                    tp++;
                } else {
                    fp++;
                }
            } else if (fraud[i]) {
                fn++;
            } else {
                tn++;
            }
        }
        double precision = tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
        double recall = tp + fn == 0 ? 0.0 : (double) tp / (tp + fn);
        return new Evaluation(precision, recall, Double.NaN, Double.NaN, tp, fp, fn, tn);
    }

    /**
     * The threshold that catches the most fraud while its precision is at least {@code precision}: of the scores seen,
     * the lowest one that keeps the precision there (the highest score if none does).
     */
    static double threshold(boolean[] fraud, double[] scores, double precision) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        long tp = 0;
        long fp = 0;
        double best = order.length == 0 ? 1.0 : Math.max(scores[order[0]], Double.MIN_VALUE);
        for (int k = 0; k < order.length; k++) {
            if (fraud[order[k]]) {
                tp++;
            } else {
                fp++;
            }
            boolean lastOfItsScore = k + 1 == order.length || scores[order[k + 1]] < scores[order[k]];
            if (lastOfItsScore && scores[order[k]] > 0 && (double) tp / (tp + fp) >= precision) {
                best = scores[order[k]];
            }
        }
        return best;
    }
}
