package dev.orderflow.events.payment;

import java.util.UUID;

/** Replies of payment-service to the saga's commands, keyed by order id. */
public sealed interface PaymentEvent permits PaymentAuthorized, PaymentDeclined, PaymentRefunded {

    UUID orderId();
}
