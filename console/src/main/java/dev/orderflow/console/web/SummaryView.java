package dev.orderflow.console.web;

import dev.orderflow.console.domain.Outcome;

import java.time.Instant;
import java.util.Map;

/**
 * The system at a glance.
 *
 * @param windowSeconds  the window the rates are taken over
 * @param finished       orders that ended in the window, per outcome
 * @param perSecond      the same, per second
 * @param inFlight       orders without an outcome now
 */
public record SummaryView(Instant at, long windowSeconds, Map<Outcome, Long> finished, Map<Outcome, Double> perSecond,
                          long inFlight) {
}
