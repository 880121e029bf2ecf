package dev.orderflow.inventory.messaging;

import dev.orderflow.events.Topics;
import dev.orderflow.events.inventory.CommitStock;
import dev.orderflow.events.inventory.InventoryCommand;
import dev.orderflow.events.inventory.ReleaseStock;
import dev.orderflow.events.inventory.ReserveStock;
import dev.orderflow.inventory.stock.OrderStock;
import dev.orderflow.messaging.IncomingMessage;
import dev.orderflow.messaging.MessageHandler;
import org.springframework.stereotype.Component;

/**
 * The place-order saga's commands on {@code inventory.commands}. Messaging runs each one once per message id,
 * in one transaction with the inbox record and the reply the stock use case appends to the outbox.
 */
@Component
class SagaStockCommands implements MessageHandler<InventoryCommand> {

    private final OrderStock orderStock;

    SagaStockCommands(OrderStock orderStock) {
        this.orderStock = orderStock;
    }

    @Override
    public String topic() {
        return Topics.INVENTORY_COMMANDS;
    }

    @Override
    public Class<InventoryCommand> messageType() {
        return InventoryCommand.class;
    }

    @Override
    public void handle(InventoryCommand command, IncomingMessage envelope) {
        switch (command) {
            case ReserveStock reserve -> orderStock.reserve(reserve);
            case ReleaseStock release -> orderStock.release(release);
            case CommitStock commit -> orderStock.commit(commit);
        }
    }
}
