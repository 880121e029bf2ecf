package dev.orderflow.messaging.deadletter;

import java.util.List;

/** What a replay re-published (or, in a dry run, would have). */
public record ReplayReport(String deadLetterTopic, boolean dryRun, List<DeadLetter> replayed) {

    public ReplayReport {
        replayed = List.copyOf(replayed);
    }
}
