package dev.orderflow.messaging.envelope;

import dev.orderflow.messaging.IncomingMessage;

import java.util.Optional;

/**
 * The message being handled on the current thread, so that messages appended while handling it carry its
 * correlation id, its id as their causation id and its trace context.
 */
public final class HandlingContext {

    private static final ThreadLocal<IncomingMessage> CURRENT = new ThreadLocal<>();

    private HandlingContext() {
    }

    public static Optional<IncomingMessage> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Runs {@code work} as the handling of {@code message}; nesting restores the outer message afterwards. */
    public static void handling(IncomingMessage message, Runnable work) {
        IncomingMessage outer = CURRENT.get();
        CURRENT.set(message);
        try {
            work.run();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }
}
