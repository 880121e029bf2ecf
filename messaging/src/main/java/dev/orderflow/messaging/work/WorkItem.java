package dev.orderflow.messaging.work;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An item a worker claimed from a {@link WorkQueue}: which one, how often it was claimed, and until when this claim
 * keeps it from every other worker.
 *
 * @param id         the id of what is to be done (a payment, a notification), the queue's key
 * @param attempt    how many times it was claimed, this time included: above 1, an earlier attempt may have got far
 * @param leaseUntil when other workers may take it over, should this one not settle it by then
 * @param enqueuedAt when it was first asked for
 */
public record WorkItem(UUID id, int attempt, Instant leaseUntil, Instant enqueuedAt) {

    public WorkItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        Objects.requireNonNull(enqueuedAt, "enqueuedAt");
        if (attempt < 1) {
            throw new IllegalArgumentException("a claimed item has been claimed at least once: " + attempt);
        }
    }
}
