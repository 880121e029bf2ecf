package dev.orderflow.messaging;

import dev.orderflow.events.MessageCatalog;
import dev.orderflow.events.MessageType;
import dev.orderflow.events.wire.MessageCodec;
import dev.orderflow.messaging.envelope.CurrentTrace;
import dev.orderflow.messaging.envelope.HandlingContext;
import dev.orderflow.messaging.envelope.Traceparent;
import dev.orderflow.messaging.outbox.OutboxStore;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Appends to the transactional outbox; joins the caller's transaction and refuses to run without one.
 *
 * <p>The message is stored in the same transaction as the state change that caused it, and published to Kafka by
 * the relay after the commit: a rolled-back transaction sends nothing, a committed one is never lost. Topic and
 * {@code ce_type} come from {@link MessageCatalog}; the record key and {@code ce_subject} are {@code key}, the
 * aggregate id. Appends for one key are published in the order their transactions commit.
 */
public class Outbox {

    private final OutboxStore store;
    private final String source;
    private final CurrentTrace currentTrace;
    private final Clock clock;

    public Outbox(OutboxStore store, String source, CurrentTrace currentTrace, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.source = Objects.requireNonNull(source, "source");
        this.currentTrace = Objects.requireNonNull(currentTrace, "currentTrace");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Appends {@code payload}, keyed by the aggregate id {@code key}; returns its message id ({@code ce_id}). */
    public UUID append(String key, Object payload) {
        return append(key, null, payload);
    }

    /** As {@link #append(String, Object)}, with the aggregate version as {@code ce_sequence}. */
    public UUID append(String key, long sequence, Object payload) {
        return append(key, Long.valueOf(sequence), payload);
    }

    private UUID append(String key, Long sequence, Object payload) {
        Objects.requireNonNull(payload, "payload");
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("a message needs its aggregate id as key");
        }
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalTransactionStateException("Outbox.append must join the transaction that changes the "
                    + "state it reports, but none is active (propagation MANDATORY)");
        }
        MessageType type = MessageCatalog.of(payload.getClass());
        byte[] body = MessageCodec.standard().encode(payload);
        Optional<IncomingMessage> handled = HandlingContext.current();
        String correlationId = handled.map(IncomingMessage::correlationId)
                .filter(id -> !id.isBlank())
                .orElse(key);
        String causationId = handled.map(IncomingMessage::id).orElse(null);
        Traceparent traceparent = currentTrace.current()
                .or(() -> handled.flatMap(message -> Traceparent.parse(message.traceparent())))
                .orElseGet(Traceparent::newTrace);
        // PostgreSQL keeps microseconds: truncating here makes ce_time equal to what the relay reads back.
        Instant time = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        UUID id = UUID.randomUUID();
        store.insert(new OutgoingMessage(id, type.topic(), key, type.name(), source, time, sequence, correlationId,
                causationId, traceparent.toString(), body));
        return id;
    }
}
