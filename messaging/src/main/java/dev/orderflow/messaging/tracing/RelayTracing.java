package dev.orderflow.messaging.tracing;

import dev.orderflow.messaging.OutgoingMessage;

/**
 * The outbox relay's spans. With a tracer, each message the relay sends is a producer span, a child of the span that
 * appended the message, lasting from the append (the message's time, in the business transaction) to the broker's
 * acknowledgement: the time a message waited in its outbox and on its way to Kafka is a span of its own. The message
 * goes out with that span as its {@code traceparent}, so its consumer's span is that span's child.
 */
public interface RelayTracing {

    /** No tracer: every message goes out with the {@code traceparent} it was appended with, and no span is made. */
    RelayTracing NONE = Untraced::new;

    /** Starts the span of sending {@code message}. */
    Relayed sending(OutgoingMessage message);

    /** One message on its way out. */
    interface Relayed {

        /** The message as it goes out: with a span, its {@code traceparent} names that span. */
        OutgoingMessage message();

        /** The broker acknowledged it: the span ends. */
        void acknowledged();

        /** It was not published this time and will be sent again: the span ends with the reason. */
        void notPublished(Throwable reason);
    }

    /** A message sent as it was appended, without a span. */
    record Untraced(OutgoingMessage message) implements Relayed {

        @Override
        public void acknowledged() {
        }

        @Override
        public void notPublished(Throwable reason) {
        }
    }
}
