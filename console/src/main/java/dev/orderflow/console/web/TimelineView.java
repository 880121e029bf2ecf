package dev.orderflow.console.web;

import dev.orderflow.console.domain.Step;
import dev.orderflow.console.domain.Timeline;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * One order: its saga and every message of it in the order they were written, with the time each hop took.
 *
 * @param traceId  the trace all its messages belong to; null if none carried a {@code traceparent}
 * @param traceUrl where that trace is shown (the trace backend's page), if the console was told
 */
public record TimelineView(OrderFlowView order, long spanMillis, List<HopView> messages,
                           @Schema(nullable = true) String traceId, @Schema(nullable = true) String traceUrl) {

    static TimelineView of(OrderFlowView order, Timeline timeline, String traceId, String traceUrlTemplate) {
        String traceUrl = traceId == null || traceUrlTemplate.isBlank() ? null
                : traceUrlTemplate.replace("{traceId}", traceId);
        return new TimelineView(order, timeline.span().toMillis(), timeline.hops().stream().map(HopView::of).toList(),
                traceId, traceUrl);
    }

    /**
     * @param service            the service that wrote the message
     * @param sincePreviousMillis the time since the message before it: what that hop took
     */
    public record HopView(String messageId, String type, Step step, String service, String topic, Instant at,
                          String detail, long sincePreviousMillis) {

        static HopView of(Timeline.Hop hop) {
            var m = hop.milestone();
            return new HopView(m.messageId(), m.type(), m.step(), m.service(), m.topic(), m.at(), m.detail(),
                    hop.sincePrevious().toMillis());
        }
    }
}
