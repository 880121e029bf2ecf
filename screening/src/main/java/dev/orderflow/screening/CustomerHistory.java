package dev.orderflow.screening;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Objects;

/**
 * What one customer has done so far, as far as screening needs it: the payment attempts of the last day (time and
 * amount), the totals since the account opened (payments, their amounts, the largest, declines, refunds) and when the
 * account opened. Fed in time order with what happened ({@link #attempted}, {@link #refunded}); read by
 * {@link Features} before a new attempt is recorded, so that a payment is judged by what came before it only.
 */
public final class CustomerHistory {

    /** The longest window a feature looks back over; older attempts are forgotten. */
    static final Duration LONGEST_WINDOW = Duration.ofHours(24);

    private final Instant accountOpenedAt;
    private final ArrayDeque<Recent> lastDay = new ArrayDeque<>();
    private long attempts;
    private long authorized;
    private double authorizedAmount;
    private double largestAmount;
    private long declines;
    private long refunds;
    private Instant lastAttemptAt;

    private record Recent(Instant at, double amount) {
    }

    public CustomerHistory(Instant accountOpenedAt) {
        this.accountOpenedAt = Objects.requireNonNull(accountOpenedAt, "accountOpenedAt");
    }

    /** An attempt was made, and authorized or declined (by the screen, the credit check or the gateway). */
    public void attempted(Instant at, double amount, boolean wasAuthorized) {
        forgetBefore(at.minus(LONGEST_WINDOW));
        lastDay.addLast(new Recent(at, amount));
        attempts++;
        if (wasAuthorized) {
            authorized++;
            authorizedAmount += amount;
            largestAmount = Math.max(largestAmount, amount);
        } else {
            declines++;
        }
        lastAttemptAt = lastAttemptAt == null || at.isAfter(lastAttemptAt) ? at : lastAttemptAt;
    }

    /** An authorized payment was refunded (its order cancelled or compensated). */
    public void refunded() {
        refunds++;
    }

    /** Attempts within {@code window} before {@code now} (at most the last day). */
    public int attemptsWithin(Instant now, Duration window) {
        Instant since = now.minus(window);
        int count = 0;
        for (Iterator<Recent> recent = lastDay.descendingIterator(); recent.hasNext(); ) {
            Instant at = recent.next().at();
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
        while (!lastDay.isEmpty() && lastDay.peekFirst().at().isBefore(since)) {
            lastDay.removeFirst();
        }
    }
}
