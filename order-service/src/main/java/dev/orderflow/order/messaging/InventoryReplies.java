package dev.orderflow.order.messaging;

import dev.orderflow.events.Topics;
import dev.orderflow.events.inventory.InventoryEvent;
import dev.orderflow.events.inventory.StockCommitted;
import dev.orderflow.events.inventory.StockRejected;
import dev.orderflow.events.inventory.StockReleased;
import dev.orderflow.events.inventory.StockReserved;
import dev.orderflow.messaging.IncomingMessage;
import dev.orderflow.messaging.MessageHandler;
import dev.orderflow.order.saga.PlaceOrderSagas;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** inventory-service's replies on {@code inventory.events}. */
@Component
class InventoryReplies implements MessageHandler<InventoryEvent> {

    private final PlaceOrderSagas sagas;

    InventoryReplies(PlaceOrderSagas sagas) {
        this.sagas = sagas;
    }

    @Override
    public String topic() {
        return Topics.INVENTORY_EVENTS;
    }

    @Override
    public Class<InventoryEvent> messageType() {
        return InventoryEvent.class;
    }

    @Override
    public Optional<String> sharedConsumer() {
        return Optional.of(SagaReplies.CONSUMER);
    }

    @Override
    public void handle(InventoryEvent message, IncomingMessage envelope) {
        switch (message) {
            case StockReserved reserved -> on(reserved);
            case StockRejected rejected -> on(rejected);
            case StockReleased released -> on(released);
            case StockCommitted committed -> on(committed);
        }
    }

    void on(StockReserved reply) {
        sagas.react(reply.orderId(), reply, (saga, now) -> saga.on(reply, now));
    }

    void on(StockRejected reply) {
        sagas.react(reply.orderId(), reply, (saga, now) -> saga.on(reply, now));
    }

    void on(StockReleased reply) {
        sagas.react(reply.orderId(), reply, (saga, now) -> saga.on(reply, now));
    }

    void on(StockCommitted reply) {
        sagas.react(reply.orderId(), reply, (saga, now) -> saga.on(reply, now));
    }
}
