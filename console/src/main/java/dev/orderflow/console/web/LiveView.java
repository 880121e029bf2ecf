package dev.orderflow.console.web;

import dev.orderflow.console.backlog.OutboxBacklog;
import dev.orderflow.console.lag.ConsumerLag;
import dev.orderflow.console.store.DeadLetterLog;

import java.time.Instant;
import java.util.List;

/**
 * What the live page shows, pushed as one server-sent event a second.
 *
 * @param lastSeconds   outcomes per second over the last few seconds: what the system does now
 * @param lastMinute    the same over the last minute, steadier
 * @param inFlight      orders in flight, the one at its step longest first (at most {@code shown})
 * @param finished      the latest finished orders (at most {@code shown})
 * @param deadLetters   every dead-letter topic with dead letters: how many, whose, the latest reason
 * @param lag           each service's consumer lag, measured at most a few seconds ago
 * @param backlog       each service's outbox backlog, read at most a few seconds ago
 */
public record LiveView(Instant at, SummaryView lastSeconds, SummaryView lastMinute, List<OrderFlowView> inFlight,
                       List<OrderFlowView> finished, List<DeadLetterLog.TopicSummary> deadLetters,
                       ConsumerLag.Measurement lag, OutboxBacklog.Measurement backlog) {
}
