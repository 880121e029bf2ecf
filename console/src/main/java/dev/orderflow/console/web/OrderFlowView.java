package dev.orderflow.console.web;

import dev.orderflow.console.domain.OrderFlow;
import dev.orderflow.console.domain.Outcome;
import dev.orderflow.console.domain.Step;
import dev.orderflow.events.Money;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** One order's saga as the console shows it in a list. */
public record OrderFlowView(
        UUID orderId,
        @Schema(nullable = true) String customerId,
        @Schema(nullable = true) Money total,
        @Schema(description = "when order-service accepted it; null until its OrderPlaced is seen", nullable = true)
        Instant placedAt,
        Step step,
        @Schema(description = "the step in words, e.g. \"authorizing payment\"") String stepDescription,
        @Schema(description = "when the saga reached its step") Instant stepAt,
        @Schema(description = "null while in flight", nullable = true) Outcome outcome,
        @Schema(nullable = true) String reason,
        @Schema(nullable = true) Instant finishedAt,
        @Schema(description = "in flight: how long it has been at its step", nullable = true) Long waitingMillis,
        @Schema(description = "finished: from placement to outcome", nullable = true) Long durationMillis,
        int messages) {

    static OrderFlowView of(OrderFlow flow, Instant now) {
        return new OrderFlowView(flow.orderId(), flow.customerId(), flow.total(), flow.placedAt(), flow.step(),
                flow.step().description(), flow.stepAt(), flow.outcome(), flow.reason(), flow.finishedAt(),
                flow.waitingFor(now).map(Duration::toMillis).orElse(null),
                flow.duration().map(Duration::toMillis).orElse(null), flow.messages());
    }
}
