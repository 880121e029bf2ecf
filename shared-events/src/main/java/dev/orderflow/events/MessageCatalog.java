package dev.orderflow.events;

import dev.orderflow.events.inventory.CommitStock;
import dev.orderflow.events.inventory.ProductUpdated;
import dev.orderflow.events.inventory.ReleaseStock;
import dev.orderflow.events.inventory.ReserveStock;
import dev.orderflow.events.inventory.StockCommitted;
import dev.orderflow.events.inventory.StockRejected;
import dev.orderflow.events.inventory.StockReleased;
import dev.orderflow.events.inventory.StockReserved;
import dev.orderflow.events.order.OrderCancelled;
import dev.orderflow.events.order.OrderConfirmed;
import dev.orderflow.events.order.OrderPlaced;
import dev.orderflow.events.order.OrderRejected;
import dev.orderflow.events.payment.AuthorizePayment;
import dev.orderflow.events.payment.PaymentAuthorized;
import dev.orderflow.events.payment.PaymentDeclined;
import dev.orderflow.events.payment.PaymentRefunded;
import dev.orderflow.events.payment.RefundPayment;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every message type of orderflow: the one place that binds wire names and topics to records. */
public final class MessageCatalog {

    private static final List<MessageType> ALL = List.of(
            new MessageType(OrderPlaced.TYPE, Topics.ORDERS_EVENTS, OrderPlaced.class),
            new MessageType(OrderConfirmed.TYPE, Topics.ORDERS_EVENTS, OrderConfirmed.class),
            new MessageType(OrderRejected.TYPE, Topics.ORDERS_EVENTS, OrderRejected.class),
            new MessageType(OrderCancelled.TYPE, Topics.ORDERS_EVENTS, OrderCancelled.class),

            new MessageType(ReserveStock.TYPE, Topics.INVENTORY_COMMANDS, ReserveStock.class),
            new MessageType(ReleaseStock.TYPE, Topics.INVENTORY_COMMANDS, ReleaseStock.class),
            new MessageType(CommitStock.TYPE, Topics.INVENTORY_COMMANDS, CommitStock.class),

            new MessageType(StockReserved.TYPE, Topics.INVENTORY_EVENTS, StockReserved.class),
            new MessageType(StockRejected.TYPE, Topics.INVENTORY_EVENTS, StockRejected.class),
            new MessageType(StockReleased.TYPE, Topics.INVENTORY_EVENTS, StockReleased.class),
            new MessageType(StockCommitted.TYPE, Topics.INVENTORY_EVENTS, StockCommitted.class),

            new MessageType(ProductUpdated.TYPE, Topics.INVENTORY_PRODUCTS, ProductUpdated.class),

            new MessageType(AuthorizePayment.TYPE, Topics.PAYMENTS_COMMANDS, AuthorizePayment.class),
            new MessageType(RefundPayment.TYPE, Topics.PAYMENTS_COMMANDS, RefundPayment.class),

            new MessageType(PaymentAuthorized.TYPE, Topics.PAYMENTS_EVENTS, PaymentAuthorized.class),
            new MessageType(PaymentDeclined.TYPE, Topics.PAYMENTS_EVENTS, PaymentDeclined.class),
            new MessageType(PaymentRefunded.TYPE, Topics.PAYMENTS_EVENTS, PaymentRefunded.class));

    private static final Map<String, MessageType> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(MessageType::name, Function.identity()));
    private static final Map<Class<?>, MessageType> BY_PAYLOAD =
            ALL.stream().collect(Collectors.toUnmodifiableMap(MessageType::payloadType, Function.identity()));

    private MessageCatalog() {
    }

    public static List<MessageType> all() {
        return ALL;
    }

    /** The type with this wire name, if this version of the contracts knows it. */
    public static Optional<MessageType> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The type a record travels as; every record of the contracts has exactly one. */
    public static MessageType of(Class<?> payloadType) {
        MessageType type = BY_PAYLOAD.get(payloadType);
        if (type == null) {
            throw new IllegalArgumentException(payloadType.getName() + " is not a message of the orderflow contracts");
        }
        return type;
    }

    public static List<MessageType> onTopic(String topic) {
        return ALL.stream().filter(type -> type.topic().equals(topic)).toList();
    }
}
