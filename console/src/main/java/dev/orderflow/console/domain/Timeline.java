package dev.orderflow.console.domain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every message of one order in the order they were written, each with the time since the message before it: the
 * time that hop took (the consumer's wait on the topic, its handling and its outbox relay, together).
 */
public record Timeline(List<Hop> hops) {

    /** Same time: the saga's own order of steps decides (a command before its reply). */
    private static final Comparator<Milestone> WRITTEN = Comparator.comparing(Milestone::at)
            .thenComparing(Milestone::step);

    public Timeline {
        hops = List.copyOf(hops);
    }

    public static Timeline of(List<Milestone> milestones) {
        List<Milestone> sorted = milestones.stream().sorted(WRITTEN).toList();
        List<Hop> hops = new ArrayList<>(sorted.size());
        Milestone previous = null;
        for (Milestone milestone : sorted) {
            hops.add(new Hop(milestone, previous == null ? Duration.ZERO : Duration.between(previous.at(), milestone.at())));
            previous = milestone;
        }
        return new Timeline(hops);
    }

    /** From the first message to the last. */
    public Duration span() {
        return hops.isEmpty() ? Duration.ZERO
                : Duration.between(hops.getFirst().milestone().at(), hops.getLast().milestone().at());
    }

    /**
     * @param sincePrevious the time between the previous message and this one; zero for the first
     */
    public record Hop(Milestone milestone, Duration sincePrevious) {
    }
}
