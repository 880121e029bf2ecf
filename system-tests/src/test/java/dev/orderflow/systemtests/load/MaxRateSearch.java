package dev.orderflow.systemtests.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds the highest offered rate at which a step keeps up ({@link KeepUp}), starting from what the fixed-rate steps
 * already showed: doubling from the highest rate that held until one fails (or the limit is reached), then
 * bisecting between the highest that held and the lowest that failed until they are within the precision.
 *
 * <p>It assumes that a system that keeps up at a rate also keeps up at any lower one; where earlier steps say
 * otherwise (a rate held above one that failed, e.g. on a noisy machine) it trusts the failure and searches below it.
 */
final class MaxRateSearch {

    /** Runs one step at the rate and answers whether it kept up. */
    @FunctionalInterface
    interface Trial {
        boolean holds(int rate) throws InterruptedException;
    }

    /**
     * @param highestHeld  the highest rate that kept up, 0 if none did
     * @param lowestFailed the lowest rate above it that did not, 0 if none did up to the limit
     * @param tried        the rates this search ran, in order
     */
    record Outcome(int highestHeld, int lowestFailed, List<Integer> tried) {
    }

    private final int start;
    private final int limit;
    private final double precision;
    private final int maxTrials;

    /**
     * @param start     the first rate tried when no earlier step held and none failed
     * @param limit     never tries above this rate
     * @param precision stops when the lowest failure is within this share above the highest success (0.1), or 1/s
     * @param maxTrials never runs more steps than this
     */
    MaxRateSearch(int start, int limit, double precision, int maxTrials) {
        if (start < 1 || limit < start || precision <= 0 || maxTrials < 0) {
            throw new IllegalArgumentException("start %d, limit %d, precision %s, trials %d"
                    .formatted(start, limit, precision, maxTrials));
        }
        this.start = start;
        this.limit = limit;
        this.precision = precision;
        this.maxTrials = maxTrials;
    }

    /** @param known what earlier steps showed: rate -> kept up */
    Outcome search(Map<Integer, Boolean> known, Trial trial) throws InterruptedException {
        TreeMap<Integer, Boolean> results = new TreeMap<>(known);
        int lowestFailure = results.entrySet().stream().filter(result -> !result.getValue())
                .mapToInt(Map.Entry::getKey).min().orElse(0);
        int failed = lowestFailure;
        int held = results.entrySet().stream().filter(Map.Entry::getValue)
                .filter(result -> lowestFailure == 0 || result.getKey() < lowestFailure).mapToInt(Map.Entry::getKey)
                .max().orElse(0);
        List<Integer> tried = new ArrayList<>();
        while (failed == 0 && held < limit && tried.size() < maxTrials) {
            int rate = Math.min(limit, held == 0 ? start : 2 * held);
            tried.add(rate);
            if (trial.holds(rate)) {
                held = rate;
            } else {
                failed = rate;
            }
        }
        while (failed != 0 && failed - held > Math.max(1, precision * held) && tried.size() < maxTrials) {
            int rate = held + (failed - held) / 2;
            tried.add(rate);
            if (trial.holds(rate)) {
                held = rate;
            } else {
                failed = rate;
            }
        }
        return new Outcome(held, failed, List.copyOf(tried));
    }
}
