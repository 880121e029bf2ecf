package dev.orderflow.console.web;

import dev.orderflow.console.config.ConsoleProperties;
import dev.orderflow.console.domain.OrderFlow;
import dev.orderflow.console.domain.Outcome;
import dev.orderflow.console.backlog.OutboxBacklog;
import dev.orderflow.console.lag.ConsumerLag;
import dev.orderflow.console.store.DeadLetterLog;
import dev.orderflow.console.store.OrderFlows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pushes the live view to every open page as server-sent events: one {@code view} event when a page connects, then one
 * a second while any page is open. Nothing is read while no page is open; a page that went away is dropped at the
 * next push (or when its connection times out, after which the browser's {@code EventSource} reconnects by itself).
 */
@Component
class LiveFeed {

    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);

    private final Set<SseEmitter> pages = ConcurrentHashMap.newKeySet();
    private final OrderFlows flows;
    private final DeadLetterLog deadLetters;
    private final ConsumerLag lag;
    private final OutboxBacklog backlog;
    private final Clock clock;
    private final ConsoleProperties.Live settings;

    LiveFeed(OrderFlows flows, DeadLetterLog deadLetters, ConsumerLag lag, OutboxBacklog backlog, Clock clock,
            ConsoleProperties properties) {
        this.flows = flows;
        this.deadLetters = deadLetters;
        this.lag = lag;
        this.backlog = backlog;
        this.clock = clock;
        this.settings = properties.live();
    }

    /** A new page's stream, with the view as it is now. */
    SseEmitter connect() {
        SseEmitter page = new SseEmitter(settings.connectionTimeout().toMillis());
        page.onCompletion(() -> pages.remove(page));
        page.onTimeout(() -> pages.remove(page));
        page.onError(failure -> pages.remove(page));
        pages.add(page);
        send(page, view());
        return page;
    }

    /**
     * Ends every stream when the console shuts down, before its web server waits for requests in progress: an open
     * page would otherwise hold the graceful shutdown for its whole timeout. The browsers reconnect to another
     * instance, or to this one once it is back.
     */
    @EventListener(ContextClosedEvent.class)
    void endStreams() {
        pages.forEach(SseEmitter::complete);
        pages.clear();
    }

    @Scheduled(fixedDelayString = "${orderflow.console.live.interval:1s}")
    void push() {
        if (pages.isEmpty()) {
            return;
        }
        LiveView view;
        try {
            view = view();
        } catch (DataAccessException away) {
            log.debug("No live view this time, the database is away: {}", away.toString());
            return;
        }
        pages.forEach(page -> send(page, view));
    }

    LiveView view() {
        Instant now = clock.instant();
        long inFlight = flows.countInFlight();
        return new LiveView(now, summary(now, settings.rateWindow(), inFlight),
                summary(now, Duration.ofMinutes(1), inFlight),
                views(flows.inFlight(settings.shown()), now), views(flows.finished(settings.shown()), now),
                deadLetters.perTopic(), lag.current(), backlog.current());
    }

    private SummaryView summary(Instant now, Duration window, long inFlight) {
        Map<Outcome, Long> finished = flows.outcomesSince(now.minus(window));
        Map<Outcome, Double> perSecond = new EnumMap<>(Outcome.class);
        finished.forEach((outcome, count) -> perSecond.put(outcome, count * 1000.0 / window.toMillis()));
        return new SummaryView(now, window.toSeconds(), finished, perSecond, inFlight);
    }

    private static List<OrderFlowView> views(List<OrderFlow> flows, Instant now) {
        return flows.stream().map(flow -> OrderFlowView.of(flow, now)).toList();
    }

    private void send(SseEmitter page, LiveView view) {
        try {
            page.send(SseEmitter.event().name("view").data(view, MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException gone) {
            pages.remove(page);
            page.completeWithError(gone);
        }
    }
}
