package dev.orderflow.screening;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * What one customer has done so far, as far as screening needs it: the times of the payment attempts of the last day,
 * the totals since the account opened (attempts, authorized payments and their amounts, the largest, declines,
 * refunds) and when the account opened. Fed in time order with what happened ({@link #attempted}, then the attempt's
 * outcome once known, {@link #refunded}); read by {@link Features} before a new attempt is recorded, so that a payment
 * is judged by what came before it only. A service keeps it per customer in its database as a {@link State}.
 */
public final class CustomerHistory {

    /** The longest window a feature looks back over; older attempts are forgotten. */
    static final Duration LONGEST_WINDOW = Duration.ofHours(24);

    /**
     * The most recent attempts kept, and so the most any window counts: a customer paying every second keeps a
     * history of bounded size (a service reads and writes it with every payment). No generated customer comes near it
     * (card testing is at most 30 attempts), and a model splits far below it, so 100 and 10,000 attempts within a
     * minute are the same to it.
     */
    public static final int MOST_RECENT_KEPT = 100;

    private final Instant accountOpenedAt;
    private final ArrayDeque<Instant> lastDay = new ArrayDeque<>();
    private long attempts;
    private long authorized;
    private double authorizedAmount;
    private double largestAmount;
    private long declines;
    private long refunds;
    private Instant lastAttemptAt;

    public CustomerHistory(Instant accountOpenedAt) {
        this.accountOpenedAt = Objects.requireNonNull(accountOpenedAt, "accountOpenedAt");
    }

    /**
     * Everything a history holds, to keep and restore it.
     *
     * @param lastDay the times of the attempts of the last day, oldest first
     */
    public record State(Instant accountOpenedAt, long attempts, long authorized, double authorizedAmount,
                        double largestAmount, long declines, long refunds, Instant lastAttemptAt, List<Instant> lastDay) {

        public State {
            Objects.requireNonNull(accountOpenedAt, "accountOpenedAt");
            lastDay = List.copyOf(lastDay);
            if (attempts < 0 || authorized < 0 || declines < 0 || refunds < 0 || authorized + declines > attempts) {
                throw new IllegalArgumentException("impossible counts: " + attempts + " attempts, " + authorized
                        + " authorized, " + declines + " declined, " + refunds + " refunded");
            }
        }
    }

    /** The history as kept: {@code of(history.state())} is the same history. */
    public State state() {
        return new State(accountOpenedAt, attempts, authorized, authorizedAmount, largestAmount, declines, refunds,
                lastAttemptAt, List.copyOf(lastDay));
    }

    public static CustomerHistory of(State state) {
        CustomerHistory history = new CustomerHistory(state.accountOpenedAt());
        List<Instant> lastDay = state.lastDay();
        history.lastDay.addAll(lastDay.subList(Math.max(0, lastDay.size() - MOST_RECENT_KEPT), lastDay.size()));
        history.attempts = state.attempts();
        history.authorized = state.authorized();
        history.authorizedAmount = state.authorizedAmount();
        history.largestAmount = state.largestAmount();
        history.declines = state.declines();
        history.refunds = state.refunds();
        history.lastAttemptAt = state.lastAttemptAt();
        return history;
    }

    /**
     * An attempt was made, and authorized or declined (by the screen, the credit check or the gateway) at once: as the
     * generator of labelled payments records it.
     */
    public void attempted(Instant at, double amount, boolean wasAuthorized) {
        attempted(at);
        if (wasAuthorized) {
            authorized(amount);
        } else {
            declined();
        }
    }

    /**
     * An attempt was made; its outcome follows when known ({@link #authorized} or {@link #declined}), as in a service,
     * where the gateway answers after the attempt has been screened.
     */
    public void attempted(Instant at) {
        forgetBefore(at.minus(LONGEST_WINDOW));
        lastDay.addLast(at);
        while (lastDay.size() > MOST_RECENT_KEPT) {
            lastDay.removeFirst();
        }
        attempts++;
        lastAttemptAt = lastAttemptAt == null || at.isAfter(lastAttemptAt) ? at : lastAttemptAt;
    }

    /** An attempt of this amount was authorized. */
    public void authorized(double amount) {
        authorized++;
        authorizedAmount += amount;
        largestAmount = Math.max(largestAmount, amount);
    }

    /** An attempt was declined. */
    public void declined() {
        declines++;
    }

    /** An authorized payment was refunded (its order cancelled or compensated). */
    public void refunded() {
        refunds++;
    }

    /** Attempts within {@code window} before {@code now} (at most the last day, at most {@link #MOST_RECENT_KEPT}). */
    public int attemptsWithin(Instant now, Duration window) {
        Instant since = now.minus(window);
        int count = 0;
        for (Iterator<Instant> recent = lastDay.descendingIterator(); recent.hasNext(); ) {
            Instant at = recent.next();
            if (!at.isAfter(since)) {
                break;
            }
            if (!at.isAfter(now)) {
                count++;
            }
        }
        return count;
    }

    public Instant accountOpenedAt() {
        return accountOpenedAt;
    }

    public long attempts() {
        return attempts;
    }

    /** The mean of the authorized payments' amounts; 0 before the first. */
    public double meanAmount() {
        return authorized == 0 ? 0 : authorizedAmount / authorized;
    }

    /** The largest authorized payment; 0 before the first. */
    public double largestAmount() {
        return largestAmount;
    }

    public long declines() {
        return declines;
    }

    public long refunds() {
        return refunds;
    }

    /** When the customer last attempted a payment; null before the first. */
    public Instant lastAttemptAt() {
        return lastAttemptAt;
    }

    private void forgetBefore(Instant since) {
        while (!lastDay.isEmpty() && lastDay.peekFirst().isBefore(since)) {
            lastDay.removeFirst();
        }
    }
}
