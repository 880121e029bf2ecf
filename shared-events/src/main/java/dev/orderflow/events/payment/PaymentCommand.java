package dev.orderflow.events.payment;

import java.util.UUID;

/** Commands payment-service takes from the place-order saga, keyed by order id. */
public sealed interface PaymentCommand permits AuthorizePayment, RefundPayment {

    UUID orderId();
}
