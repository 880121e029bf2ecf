package dev.orderflow.notification.domain;

import dev.orderflow.events.RejectionReason;
import dev.orderflow.events.order.OrderCancelled;
import dev.orderflow.events.order.OrderConfirmed;
import dev.orderflow.events.order.OrderEvent;
import dev.orderflow.events.order.OrderPlaced;
import dev.orderflow.events.order.OrderRejected;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What the customer is told about one order event, rendered and ready to send.
 *
 * <p>Only terminal statuses are worth a message; a placed order is still PENDING and the customer hears about
 * it when it ends. There is no customer directory in orderflow, so the provider is addressed by customer id.
 */
public record CustomerNotice(UUID orderId, String customerId, Template template, Channel channel, String body) {

    public CustomerNotice {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(body, "body");
    }

    /** The notice for an order event, or none if the event is not one the customer is told about. */
    public static Optional<CustomerNotice> about(OrderEvent event) {
        return switch (event) {
            case OrderPlaced placed -> Optional.empty();
            case OrderConfirmed confirmed -> Optional.of(email(confirmed, Template.ORDER_CONFIRMED,
                    "Your order %s is confirmed. We charged %s.".formatted(confirmed.orderId(), confirmed.total())));
            case OrderRejected rejected -> Optional.of(email(rejected, Template.ORDER_REJECTED,
                    "We could not complete your order %s because %s (reason: %s). Nothing was charged."
                            .formatted(rejected.orderId(), explain(rejected.reason()), rejected.reason())));
            case OrderCancelled cancelled -> Optional.of(email(cancelled, Template.ORDER_CANCELLED,
                    "Your order %s is cancelled because %s (reason: %s). Anything charged is refunded."
                            .formatted(cancelled.orderId(), explain(cancelled.reason()), cancelled.reason())));
        };
    }

    private static CustomerNotice email(OrderEvent event, Template template, String body) {
        return new CustomerNotice(event.orderId(), event.customerId(), template, Channel.EMAIL, body);
    }

    private static String explain(RejectionReason reason) {
        return switch (reason) {
            case OUT_OF_STOCK -> "an item is out of stock";
            case INSUFFICIENT_CREDIT -> "your credit limit does not cover it";
            case PAYMENT_DECLINED -> "the payment was declined";
            case PAYMENT_UNAVAILABLE -> "the payment service was unavailable";
            case FRAUD_SUSPECTED -> "the payment did not pass our security checks";
            case TIMED_OUT -> "it could not be completed in time";
            case CUSTOMER_CANCELLED -> "you cancelled it";
        };
    }

    /** Who the provider delivers to. */
    public String recipient() {
        return customerId;
    }
}
