package dev.orderflow.console.web;

import dev.orderflow.console.config.ConsoleProperties;
import dev.orderflow.console.domain.OrderFlow;
import dev.orderflow.console.domain.Outcome;
import dev.orderflow.console.domain.Timeline;
import dev.orderflow.console.backlog.OutboxBacklog;
import dev.orderflow.console.lag.ConsumerLag;
import dev.orderflow.console.operations.AdminApis;
import dev.orderflow.console.operations.SagaAction;
import dev.orderflow.console.store.OrderFlows;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the console knows of orders' sagas, read from its own read model; and the operator's actions on a stuck saga,
 * which order-service carries out.
 */
@RestController
@RequestMapping("/api/console")
class ConsoleController {

    private final OrderFlows flows;
    private final Clock clock;
    private final LiveFeed feed;
    private final AdminApis adminApis;
    private final OperatorToken operatorToken;
    private final ConsumerLag consumerLag;
    private final OutboxBacklog outboxBacklog;
    private final String traceUrl;

    ConsoleController(OrderFlows flows, Clock clock, LiveFeed feed, AdminApis adminApis,
                      OperatorToken operatorToken, ConsumerLag consumerLag, OutboxBacklog outboxBacklog,
                      ConsoleProperties properties) {
        this.consumerLag = consumerLag;
        this.outboxBacklog = outboxBacklog;
        this.traceUrl = properties.live().traceUrl();
        this.flows = flows;
        this.clock = clock;
        this.feed = feed;
        this.adminApis = adminApis;
        this.operatorToken = operatorToken;
    }

    @GetMapping(path = "/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "The live view as server-sent events: a \"view\" event (outcomes per second, orders in flight, "
            + "the latest finished) at once and then every second.")
    SseEmitter live() {
        return feed.connect();
    }

    @GetMapping("/orders")
    @Operation(summary = "Orders in flight (the one at its step longest first), stuck ones only, or finished ones (latest first).")
    List<OrderFlowView> orders(
            @Parameter(description = "IN_FLIGHT, STUCK (in flight and not moved for stuckAfterSeconds) or FINISHED")
            @RequestParam(defaultValue = "IN_FLIGHT") State state,
            @Parameter(description = "for STUCK: seconds without a message")
            @RequestParam(defaultValue = "30") @Min(1) @Max(86_400) int stuckAfterSeconds,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        Instant now = clock.instant();
        List<OrderFlow> found = switch (state) {
            case IN_FLIGHT -> flows.inFlight(limit);
            case STUCK -> flows.stuckSince(now.minusSeconds(stuckAfterSeconds), limit);
            case FINISHED -> flows.finished(limit);
        };
        return found.stream().map(flow -> OrderFlowView.of(flow, now)).toList();
    }

    @GetMapping("/orders/{orderId}")
    @Operation(summary = "One order: its saga and every message of it, with the time each hop took.")
    @Transactional(readOnly = true)
    TimelineView order(@PathVariable UUID orderId) {
        OrderFlow flow = flows.find(orderId).orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND,
                ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "The console has seen no message of order "
                        + orderId + "."), null));
        return TimelineView.of(OrderFlowView.of(flow, clock.instant()), Timeline.of(flows.milestones(orderId)),
                flows.traceOf(orderId).orElse(null), traceUrl);
    }

    @GetMapping("/lag")
    @Operation(summary = "Each service's consumer lag: per consumer group, the records between its committed offsets "
            + "and the ends of its partitions, per topic; measured at the broker at most a few seconds ago.")
    ConsumerLag.Measurement lag() {
        return consumerLag.current();
    }

    @GetMapping("/backlog")
    @Operation(summary = "Each service's outbox backlog: the messages it committed and has not yet relayed to Kafka, "
            + "and how long the oldest has waited; read from the services' messaging gauges at most a few seconds ago.")
    OutboxBacklog.Measurement backlog() {
        return outboxBacklog.current();
    }

    @GetMapping("/summary")
    @Operation(summary = "Orders finished per outcome over the last window, per second, and orders in flight now.")
    SummaryView summary(@RequestParam(defaultValue = "60") @Min(1) @Max(3_600) int windowSeconds) {
        Instant now = clock.instant();
        Map<Outcome, Long> finished = flows.outcomesSince(now.minus(Duration.ofSeconds(windowSeconds)));
        Map<Outcome, Double> perSecond = new EnumMap<>(Outcome.class);
        finished.forEach((outcome, count) -> perSecond.put(outcome, (double) count / windowSeconds));
        return new SummaryView(now, windowSeconds, finished, perSecond, flows.countInFlight());
    }

    @PostMapping("/orders/{orderId}/resume")
    @Operation(summary = "Resume a stuck saga: order-service sends its step's command again, with a new deadline.",
            description = "Carried out by order-service's admin API with the caller's own token; its answer is "
                    + "relayed: 200 {saga, sent}, 404 unknown, 409 ended. order-service away: 503 with Retry-After.")
    ResponseEntity<String> resume(@PathVariable UUID orderId, Authentication caller) {
        return AdminAnswers.relay(adminApis.sagaAction(orderId, SagaAction.RESUME, operatorToken.of(caller)));
    }

    @PostMapping("/orders/{orderId}/compensate")
    @Operation(summary = "Compensate a stuck saga: order-service ends it now as its deadline would (REJECTED, "
            + "TIMED_OUT).", description = "As resume: order-service's answer relayed, 503 when it is away.")
    ResponseEntity<String> compensate(@PathVariable UUID orderId, Authentication caller) {
        return AdminAnswers.relay(adminApis.sagaAction(orderId, SagaAction.COMPENSATE, operatorToken.of(caller)));
    }

    enum State {
        IN_FLIGHT,
        STUCK,
        FINISHED
    }
}
