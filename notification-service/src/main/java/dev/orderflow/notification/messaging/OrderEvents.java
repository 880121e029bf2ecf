package dev.orderflow.notification.messaging;

import dev.orderflow.events.Topics;
import dev.orderflow.events.order.OrderEvent;
import dev.orderflow.messaging.IncomingMessage;
import dev.orderflow.messaging.MessageHandler;
import dev.orderflow.messaging.envelope.CurrentTrace;
import dev.orderflow.messaging.envelope.Traceparent;
import dev.orderflow.notification.delivery.DeliveryMetrics;
import dev.orderflow.notification.delivery.DeliveryQueue;
import dev.orderflow.notification.domain.CustomerNotice;
import dev.orderflow.notification.domain.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;

/**
 * Decides, for each order event on {@code orders.events}, whether the customer is told, and stores that
 * notification as PENDING in the inbox transaction. Nothing is sent from here: the provider is called by the
 * dispatcher after the commit, so a slow provider never holds up the consumer and a rollback never sends.
 */
@Component
class OrderEvents implements MessageHandler<OrderEvent> {

    private static final Logger log = LoggerFactory.getLogger(OrderEvents.class);

    private final DeliveryQueue deliveries;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final CurrentTrace currentTrace;

    OrderEvents(DeliveryQueue deliveries, DeliveryMetrics metrics, Clock clock,
            ObjectProvider<CurrentTrace> currentTrace) {
        this.currentTrace = currentTrace.getIfAvailable(() -> CurrentTrace.NONE);
        this.deliveries = deliveries;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public String topic() {
        return Topics.ORDERS_EVENTS;
    }

    @Override
    public Class<OrderEvent> messageType() {
        return OrderEvent.class;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void handle(OrderEvent event, IncomingMessage envelope) {
        CustomerNotice.about(event).ifPresent(notice -> {
            // The delivery continues the trace from here: the consumer span handling the event if a tracer runs.
            String trace = currentTrace.current().map(Traceparent::toString).orElse(envelope.traceparent());
            Notification notification = Notification.pending(notice, envelope.id(), trace, clock.instant());
            if (!deliveries.add(notification)) {
                // The inbox catches redeliveries of one message id; this catches the same event under a new id.
                metrics.duplicate();
                log.info("Order {} already has a {} notification; event {} adds none",
                        notice.orderId(), notice.template(), envelope.id());
            }
        });
    }
}
