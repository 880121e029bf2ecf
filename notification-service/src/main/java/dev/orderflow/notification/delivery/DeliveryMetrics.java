package dev.orderflow.notification.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What operators watch: messages handed to the provider, failed attempts (passing or final), the backlog, and
 * events that would have notified twice. In Prometheus: {@code orderflow_notifications_*}.
 */
@Component
public class DeliveryMetrics {

    private final Counter sent;
    private final Counter failedAttempts;
    private final Counter refused;
    private final Counter duplicates;
    private final AtomicLong pending = new AtomicLong();

    public DeliveryMetrics(MeterRegistry registry) {
        this.sent = Counter.builder("orderflow.notifications.sent")
                .description("notifications the provider accepted")
                .register(registry);
        this.failedAttempts = Counter.builder("orderflow.notifications.failed")
                .description("delivery attempts that failed; outcome=retrying stays PENDING, outcome=refused is final")
                .tag("outcome", "retrying")
                .register(registry);
        this.refused = Counter.builder("orderflow.notifications.failed")
                .description("delivery attempts that failed; outcome=retrying stays PENDING, outcome=refused is final")
                .tag("outcome", "refused")
                .register(registry);
        this.duplicates = Counter.builder("orderflow.notifications.duplicates")
                .description("order events that asked again for a notification that exists")
                .register(registry);
        Gauge.builder("orderflow.notifications.pending", pending, AtomicLong::get)
                .description("notifications waiting for delivery, as of the dispatcher's last scan")
                .register(registry);
    }

    void sent() {
        sent.increment();
    }

    void failedAttempt() {
        failedAttempts.increment();
    }

    void refused() {
        refused.increment();
    }

    public void duplicate() {
        duplicates.increment();
    }

    void pending(long count) {
        pending.set(count);
    }
}
