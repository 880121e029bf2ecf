package dev.orderflow.events;

import java.util.Objects;

/**
 * One kind of message on the wire: its CloudEvents type name, the topic it travels on and the record that
 * carries it. The name, not the Java class, is the contract: renaming a class must not change the wire.
 */
public record MessageType(String name, String topic, Class<?> payloadType) {

    public MessageType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payloadType, "payloadType");
        if (!name.matches("dev\\.orderflow\\.[a-z]+\\.[A-Z][A-Za-z]+\\.v[1-9][0-9]*")) {
            throw new IllegalArgumentException("type name not of the form dev.orderflow.<context>.<Name>.v<N>: " + name);
        }
    }

    /** The schema version, the N of the trailing {@code .vN}. */
    public int version() {
        return Integer.parseInt(name.substring(name.lastIndexOf(".v") + 2));
    }
}
