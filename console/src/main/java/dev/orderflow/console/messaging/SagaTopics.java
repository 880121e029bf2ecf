package dev.orderflow.console.messaging;

import dev.orderflow.console.store.OrderFlows;
import dev.orderflow.events.Topics;
import dev.orderflow.events.inventory.InventoryCommand;
import dev.orderflow.events.inventory.InventoryEvent;
import dev.orderflow.events.order.OrderEvent;
import dev.orderflow.events.payment.PaymentCommand;
import dev.orderflow.events.payment.PaymentEvent;
import dev.orderflow.messaging.MessageHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The five topics an order's saga crosses, read by one shared consumer: order-service's events, and the commands and
 * replies of inventory and payment. The console keeps up with one (a message is one statement here), and every
 * consumer more would cost the broker fetches and heartbeats to answer, idle or not.
 */
@Configuration(proxyBeanMethods = false)
class SagaTopics {

    @Bean
    MessageHandler<OrderEvent> orderEvents(OrderFlows flows) {
        return new SagaTopic<>(Topics.ORDERS_EVENTS, OrderEvent.class, flows);
    }

    @Bean
    MessageHandler<InventoryCommand> inventoryCommands(OrderFlows flows) {
        return new SagaTopic<>(Topics.INVENTORY_COMMANDS, InventoryCommand.class, flows);
    }

    @Bean
    MessageHandler<InventoryEvent> inventoryEvents(OrderFlows flows) {
        return new SagaTopic<>(Topics.INVENTORY_EVENTS, InventoryEvent.class, flows);
    }

    @Bean
    MessageHandler<PaymentCommand> paymentCommands(OrderFlows flows) {
        return new SagaTopic<>(Topics.PAYMENTS_COMMANDS, PaymentCommand.class, flows);
    }

    @Bean
    MessageHandler<PaymentEvent> paymentEvents(OrderFlows flows) {
        return new SagaTopic<>(Topics.PAYMENTS_EVENTS, PaymentEvent.class, flows);
    }
}
