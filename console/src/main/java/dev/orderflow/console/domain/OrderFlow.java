package dev.orderflow.console.domain;

import dev.orderflow.events.Money;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One order's saga as far as the console has seen it. Messages of one order arrive on five topics in no fixed
 * order, so what is known grows from any of them: the customer and total from whichever message names them first,
 * the step from the latest message by its time, and the outcome from order-service's final event, which stands once
 * seen (a compensation reply arriving after it does not reopen the order).
 *
 * @param placedAt   when order-service accepted the order; null until its {@code OrderPlaced} is seen
 * @param stepAt     the time of the message that set {@link #step}
 * @param outcome    null while the saga is in flight
 * @param reason     why the order was rejected or cancelled; null otherwise
 * @param finishedAt when the outcome was decided; null while in flight
 * @param messages   how many messages of this order the console has recorded
 */
public record OrderFlow(UUID orderId, String customerId, Money total, Instant placedAt, Step step, Instant stepAt,
        Outcome outcome, String reason, Instant finishedAt, int messages) {

    public boolean inFlight() {
        return outcome == null;
    }

    /** How long the saga has been at its current step, seen at {@code now}; empty once it ended. */
    public Optional<Duration> waitingFor(Instant now) {
        return inFlight() ? Optional.of(Duration.between(stepAt, now).isNegative() ? Duration.ZERO
                : Duration.between(stepAt, now)) : Optional.empty();
    }

    /** From placement to outcome; empty while in flight or when the placement was not seen. */
    public Optional<Duration> duration() {
        return placedAt == null || finishedAt == null ? Optional.empty()
                : Optional.of(Duration.between(placedAt, finishedAt));
    }
}
