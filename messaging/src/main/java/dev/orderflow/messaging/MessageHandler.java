package dev.orderflow.messaging;

import java.util.Optional;

/**
 * Consumes one topic. Every bean implementing this gets a Kafka listener container from messaging: its own, unless it
 * names a {@link #sharedConsumer() shared} one.
 *
 * <p>{@link #handle} runs once per distinct message id, in one database transaction together with the inbox
 * record that makes it idempotent and with any {@link Outbox#append} it makes; the Kafka offset is committed
 * only after that transaction. Messages of other types than {@link #messageType()} (or of types this version of
 * the contracts does not know) are skipped and counted. Throw {@link PoisonMessageException} for a message that
 * can never succeed; any other exception is retried with backoff, then dead-lettered.
 *
 * @param <M> the sealed family of messages on the topic, e.g. {@code InventoryEvent}
 */
public interface MessageHandler<M> {

    /** The topic to consume, one of {@code dev.orderflow.events.Topics}. */
    String topic();

    /** The family of messages this handler understands; other types are skipped. */
    Class<M> messageType();

    void handle(M message, IncomingMessage envelope);

    /**
     * The name of a consumer this handler shares with other handlers of the same service, or empty (the default) for a
     * consumer of its own. Handlers naming the same consumer are read by one listener container subscribed to all
     * their topics: one poll loop, one connection's fetches and one member's heartbeats for the broker to answer
     * instead of one per topic. The price: a record retried after a failure holds up the records polled with it from
     * the other topics too, so only handlers whose topics may wait for each other (a read model that a failing
     * database stops anyway) should share one.
     */
    default Optional<String> sharedConsumer() {
        return Optional.empty();
    }

    /**
     * Whether {@link #handle} drops a message id it has seen by itself (its own table keyed on the message id, in the
     * same transaction), so that the inbox's record of it would be a second, useless statement per message. False
     * by default: a handler whose effects are not keyed on the message id needs the inbox.
     */
    default boolean dropsDuplicatesItself() {
        return false;
    }
}
