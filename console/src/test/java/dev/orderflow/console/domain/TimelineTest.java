package dev.orderflow.console.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineTest {

    private final UUID orderId = UUID.randomUUID();
    private final Instant start = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void ordersMessagesByTheirTimeAndMeasuresEachHop() {
        Timeline timeline = Timeline.of(List.of(
                milestone(Step.STOCK_RESERVED, 30),
                milestone(Step.PLACED, 0),
                milestone(Step.RESERVING_STOCK, 12)));

        assertThat(timeline.hops()).extracting(hop -> hop.milestone().step())
                .containsExactly(Step.PLACED, Step.RESERVING_STOCK, Step.STOCK_RESERVED);
        assertThat(timeline.hops()).extracting(Timeline.Hop::sincePrevious)
                .containsExactly(Duration.ZERO, Duration.ofMillis(12), Duration.ofMillis(18));
        assertThat(timeline.span()).isEqualTo(Duration.ofMillis(30));
    }

    @Test
    void messagesOfTheSameTimeFollowTheSaga() {
        Timeline timeline = Timeline.of(List.of(milestone(Step.STOCK_RESERVED, 5), milestone(Step.RESERVING_STOCK, 5)));

        assertThat(timeline.hops()).extracting(hop -> hop.milestone().step())
                .containsExactly(Step.RESERVING_STOCK, Step.STOCK_RESERVED);
    }

    @Test
    void noMessagesIsAnEmptyTimeline() {
        assertThat(Timeline.of(List.of()).hops()).isEmpty();
        assertThat(Timeline.of(List.of()).span()).isZero();
    }

    private Milestone milestone(Step step, long millis) {
        return new Milestone(orderId, UUID.randomUUID().toString(), step.name(), step, "order-service", "t",
                start.plusMillis(millis), "", null, null);
    }
}
