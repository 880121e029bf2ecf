package dev.orderflow.events;

import java.util.List;

/** Topic names: each topic has exactly one producing service. */
public final class Topics {

    /** Order lifecycle events, produced by order-service, keyed by order id. */
    public static final String ORDERS_EVENTS = "orders.events";
    /** Commands to inventory-service, produced by the place-order saga, keyed by order id. */
    public static final String INVENTORY_COMMANDS = "inventory.commands";
    /** Replies of inventory-service to its commands, keyed by order id. */
    public static final String INVENTORY_EVENTS = "inventory.events";
    /** Latest catalog state per product, compacted, produced by inventory-service, keyed by SKU. */
    public static final String INVENTORY_PRODUCTS = "inventory.products";
    /** Commands to payment-service, produced by the place-order saga, keyed by order id. */
    public static final String PAYMENTS_COMMANDS = "payments.commands";
    /** Replies of payment-service to its commands, keyed by order id. */
    public static final String PAYMENTS_EVENTS = "payments.events";

    /** Every topic that carries messages (not counting dead-letter topics). */
    public static final List<String> ALL = List.of(ORDERS_EVENTS, INVENTORY_COMMANDS, INVENTORY_EVENTS,
            INVENTORY_PRODUCTS, PAYMENTS_COMMANDS, PAYMENTS_EVENTS);

    private static final String DEAD_LETTER_SUFFIX = ".dlt";

    private Topics() {
    }

    /** The dead-letter topic of a consumed topic: where messages that can never be handled go. */
    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    public static boolean isDeadLetter(String topic) {
        return topic.endsWith(DEAD_LETTER_SUFFIX);
    }

    /** The consumed topic a dead-letter topic belongs to. */
    public static String ofDeadLetter(String deadLetterTopic) {
        if (!isDeadLetter(deadLetterTopic)) {
            throw new IllegalArgumentException("not a dead-letter topic: " + deadLetterTopic);
        }
        return deadLetterTopic.substring(0, deadLetterTopic.length() - DEAD_LETTER_SUFFIX.length());
    }
}
