package dev.orderflow.payment.messaging;

import dev.orderflow.events.Topics;
import dev.orderflow.events.payment.AuthorizePayment;
import dev.orderflow.events.payment.PaymentCommand;
import dev.orderflow.events.payment.RefundPayment;
import dev.orderflow.messaging.IncomingMessage;
import dev.orderflow.messaging.MessageHandler;
import dev.orderflow.messaging.Outbox;
import dev.orderflow.payment.cashier.Cashier;
import org.springframework.stereotype.Component;

/**
 * The saga's commands to payment, from {@code payments.commands}; replies go to {@code payments.events} through the
 * outbox, keyed by order id, in the same transaction as the decision. An authorization that waits for the gateway
 * is answered later, by the charge worker, through the same outbox.
 */
@Component
class PaymentCommands implements MessageHandler<PaymentCommand> {

    private final Cashier cashier;
    private final Outbox outbox;

    PaymentCommands(Cashier cashier, Outbox outbox) {
        this.cashier = cashier;
        this.outbox = outbox;
    }

    @Override
    public String topic() {
        return Topics.PAYMENTS_COMMANDS;
    }

    @Override
    public Class<PaymentCommand> messageType() {
        return PaymentCommand.class;
    }

    @Override
    public void handle(PaymentCommand command, IncomingMessage envelope) {
        String key = command.orderId().toString();
        switch (command) {
            case AuthorizePayment authorize -> cashier.authorize(authorize, envelope)
                    .ifPresent(reply -> outbox.append(key, reply));
            case RefundPayment refund -> cashier.refund(refund).ifPresent(refunded -> outbox.append(key, refunded));
        }
    }
}
