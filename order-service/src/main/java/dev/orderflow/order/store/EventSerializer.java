package dev.orderflow.order.store;

import dev.orderflow.events.MessageCatalog;
import dev.orderflow.events.MessageType;
import dev.orderflow.events.order.OrderEvent;
import dev.orderflow.events.wire.MessageCodec;

import java.nio.charset.StandardCharsets;

/**
 * Stored events use the wire format and the wire type names: one schema to evolve, and the history reads the
 * same as what was published.
 */
final class EventSerializer {

    private static final MessageCodec CODEC = MessageCodec.standard();

    private EventSerializer() {
    }

    static String typeOf(OrderEvent event) {
        return MessageCatalog.of(event.getClass()).name();
    }

    static String toJson(Object value) {
        return new String(CODEC.encode(value), StandardCharsets.UTF_8);
    }

    static OrderEvent toEvent(String type, String json) {
        MessageType known = MessageCatalog.byName(type)
                .filter(candidate -> OrderEvent.class.isAssignableFrom(candidate.payloadType()))
                .orElseThrow(() -> new IllegalStateException("stored order event of unknown type " + type));
        return (OrderEvent) CODEC.decode(json.getBytes(StandardCharsets.UTF_8), known.payloadType());
    }

    static <T> T fromJson(String json, Class<T> type) {
        return CODEC.decode(json.getBytes(StandardCharsets.UTF_8), type);
    }
}
