package dev.orderflow.order.messaging;

import dev.orderflow.events.Topics;
import dev.orderflow.events.payment.PaymentAuthorized;
import dev.orderflow.events.payment.PaymentDeclined;
import dev.orderflow.events.payment.PaymentEvent;
import dev.orderflow.events.payment.PaymentRefunded;
import dev.orderflow.messaging.IncomingMessage;
import dev.orderflow.messaging.MessageHandler;
import dev.orderflow.order.saga.PlaceOrderSagas;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** payment-service's replies on {@code payments.events}. */
@Component
class PaymentReplies implements MessageHandler<PaymentEvent> {

    private final PlaceOrderSagas sagas;

    PaymentReplies(PlaceOrderSagas sagas) {
        this.sagas = sagas;
    }

    @Override
    public String topic() {
        return Topics.PAYMENTS_EVENTS;
    }

    @Override
    public Class<PaymentEvent> messageType() {
        return PaymentEvent.class;
    }

    @Override
    public Optional<String> sharedConsumer() {
        return Optional.of(SagaReplies.CONSUMER);
    }

    @Override
    public void handle(PaymentEvent message, IncomingMessage envelope) {
        switch (message) {
            case PaymentAuthorized authorized -> on(authorized);
            case PaymentDeclined declined -> on(declined);
            case PaymentRefunded refunded -> on(refunded);
        }
    }

    void on(PaymentAuthorized reply) {
        sagas.react(reply.orderId(), reply, (saga, now) -> saga.on(reply, now));
    }

    void on(PaymentDeclined reply) {
        sagas.react(reply.orderId(), reply, (saga, now) -> saga.on(reply, now));
    }

    void on(PaymentRefunded reply) {
        sagas.react(reply.orderId(), reply, (saga, now) -> saga.on(reply, now));
    }
}
