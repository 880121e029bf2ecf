package dev.orderflow.order.placing;

import dev.orderflow.order.config.OrderProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;

/** Once a minute, forgets Idempotency-Keys older than {@code orderflow.order.idempotency-key-retention}. */
@Component
class IdempotencyKeyPurge implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyPurge.class);
    private static final Duration INTERVAL = Duration.ofMinutes(1);
    private static final int BATCH = 1000;

    private final IdempotencyKeys keys;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final OrderProperties properties;

    IdempotencyKeyPurge(IdempotencyKeys keys, TransactionTemplate transactions, Clock clock,
                        OrderProperties properties) {
        this.keys = keys;
        this.transactions = transactions;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::purge, INTERVAL);
    }

    /** Purges in batches, one short transaction each; answers how many keys were forgotten. */
    int purge() {
        int purged = 0;
        try {
            int batch;
            do {
                batch = transactions.execute(status -> keys.purgeClaimedBefore(
                        clock.instant().minus(properties.idempotencyKeyRetention()), BATCH));
                purged += batch;
            } while (batch == BATCH);
        } catch (RuntimeException e) {
            // The next run tries again; keeping keys a little longer is harmless.
            log.warn("Idempotency-Key purge failed: {}", e.toString());
        }
        return purged;
    }
}
