package dev.orderflow.console.retention;

import dev.orderflow.console.config.ConsoleProperties;
import dev.orderflow.console.store.DeadLetterLog;
import dev.orderflow.console.store.OrderFlows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

/**
 * Forgets orders that finished longer ago than {@code orderflow.console.retention.keep}, a batch per transaction, and
 * dead letters older than {@code orderflow.console.retention.dead-letters}. Orders in flight are never forgotten,
 * however old: they are what an operator looks for.
 */
@Component
class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final OrderFlows flows;
    private final DeadLetterLog deadLetters;
    private final ConsoleProperties.Retention settings;
    private final Clock clock;

    Retention(OrderFlows flows, DeadLetterLog deadLetters, ConsoleProperties properties, Clock clock) {
        this.flows = flows;
        this.deadLetters = deadLetters;
        this.settings = properties.retention();
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${orderflow.console.retention.interval:1m}",
            initialDelayString = "${orderflow.console.retention.interval:1m}")
    void forgetOldOrdersAndDeadLetters() {
        Instant now = clock.instant();
        forget("orders that finished", now.minus(settings.keep()), flows::forgetFinishedBefore);
        forget("dead letters written", now.minus(settings.deadLetters()), deadLetters::forgetBefore);
    }

    /** Forgets what {@code batch} forgets before {@code before}, a batch per call, until a batch is not full. */
    private void forget(String what, Instant before, Batch batch) {
        int forgotten = 0;
        int last;
        do {
            last = batch.forgetBefore(before, settings.batchSize());
            forgotten += last;
        } while (last == settings.batchSize());
        if (forgotten > 0) {
            log.info("Forgot {} {} before {}", forgotten, what, before);
        }
    }

    @FunctionalInterface
    private interface Batch {
        int forgetBefore(Instant before, int limit);
    }
}
