package dev.orderflow.messaging.housekeeping;

import dev.orderflow.messaging.MessagingProperties;
import dev.orderflow.messaging.metrics.MessagingMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The backlog gauges cost a query per refresh only while somebody reads them. */
class HousekeepingTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MessagingMetrics metrics = new MessagingMetrics(registry);
    private final AtomicInteger queries = new AtomicInteger();
    private final JdbcTemplate jdbc = new JdbcTemplate() {
        @Override
        public void query(String sql, RowCallbackHandler handler) {
            queries.incrementAndGet();
        }
    };

    private Housekeeping housekeeping(Duration backlogRefresh) {
        return new Housekeeping(jdbc, new MessagingProperties.Housekeeping(Duration.ofMinutes(1), Duration.ofHours(1),
                Duration.ofDays(7), 1000, backlogRefresh), metrics);
    }

    @Test
    void doesNotQueryTheBacklogWhileNobodyReadsIt() {
        assertThat(housekeeping(Duration.ofSeconds(5)).refreshBacklogIfWatched()).isFalse();
        assertThat(queries).hasValue(0);
    }

    @Test
    void refreshesTheBacklogAfterAGaugeWasRead() {
        Housekeeping housekeeping = housekeeping(Duration.ofSeconds(5));
        registry.get("orderflow.messaging.outbox.pending").gauge().value();

        assertThat(housekeeping.refreshBacklogIfWatched()).isTrue();
        assertThat(queries).hasValue(1);

        registry.get("orderflow.messaging.outbox.oldest.age").timeGauge().value();
        assertThat(housekeeping.refreshBacklogIfWatched()).isTrue();
        assertThat(queries).hasValue(2);
    }

    @Test
    void stopsRefreshingTwoPeriodsAfterTheLastRead() {
        Housekeeping housekeeping = housekeeping(Duration.ofNanos(1));
        registry.get("orderflow.messaging.outbox.pending").gauge().value();
        long readAt = System.nanoTime();
        while (System.nanoTime() - readAt < 1_000) {
            Thread.onSpinWait();
        }

        assertThat(housekeeping.refreshBacklogIfWatched()).isFalse();
        assertThat(queries).hasValue(0);
    }
}
