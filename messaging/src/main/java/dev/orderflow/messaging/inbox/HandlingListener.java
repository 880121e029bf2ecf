package dev.orderflow.messaging.inbox;

import dev.orderflow.events.MessageCatalog;
import dev.orderflow.events.MessageType;
import dev.orderflow.events.wire.MessageCodec;
import dev.orderflow.messaging.IncomingMessage;
import dev.orderflow.messaging.MessageHandler;
import dev.orderflow.messaging.envelope.CloudEventHeaders;
import dev.orderflow.messaging.envelope.HandlingContext;
import dev.orderflow.messaging.metrics.MessagingMetrics;
import dev.orderflow.messaging.tracing.HandlingObservations;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hands the records of one poll to the {@link MessageHandler} of each record's topic (one, or several that share a
 * consumer): reads each envelope (invalid: dead letter), skips types the handler does not know (tolerant reader),
 * decodes the payload (malformed: dead letter) and runs the handler in a transaction with the inbox record, skipping
 * a message id the consumer has already handled.
 *
 * <p>Up to {@code transactionSize} consecutive records share one transaction: under load that turns a commit per
 * message into a commit per chunk, and the inbox still decides per message id. If a shared transaction fails (one
 * handler threw, or two consumers deadlocked on the same rows) it is rolled back as a whole and its records are
 * handled again one transaction each, so that only the record that really fails is retried or dead-lettered. That
 * record is reported to spring-kafka's error handler as a {@link BatchListenerFailedException}: the offsets before it
 * are committed (their transactions did), it is retried with backoff or dead-lettered, and the partition goes on
 * from there. A record that cannot even be read ends the chunk before it in the same way.
 */
final class HandlingListener implements BatchMessageListener<String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(HandlingListener.class);

    private final Map<String, MessageHandler<?>> handlers;
    private final String consumer;
    private final Inbox inbox;
    private final TransactionTemplate transactions;
    private final MessagingMetrics metrics;
    private final int transactionSize;
    private final HandlingObservations observations;

    HandlingListener(List<? extends MessageHandler<?>> handlers, String consumer, Inbox inbox, TransactionTemplate transactions,
            MessagingMetrics metrics, int transactionSize, HandlingObservations observations) {
        if (transactionSize < 1) {
            throw new IllegalArgumentException("transactionSize must be at least 1, was " + transactionSize);
        }
        this.handlers = new HashMap<>();
        for (MessageHandler<?> handler : handlers) {
            if (this.handlers.put(handler.topic(), handler) != null) {
                throw new IllegalArgumentException("two handlers for " + handler.topic());
            }
        }
        this.consumer = consumer;
        this.inbox = inbox;
        this.transactions = transactions;
        this.metrics = metrics;
        this.transactionSize = transactionSize;
        this.observations = observations;
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, byte[]>> records) {
        List<Readable<?>> chunk = new ArrayList<>(Math.min(records.size(), transactionSize));
        for (int index = 0; index < records.size(); index++) {
            ConsumerRecord<String, byte[]> record = records.get(index);
            Optional<? extends Readable<?>> readable;
            try {
                readable = read(record, index);
            } catch (RuntimeException unreadable) {
                handle(chunk, records);
                throw new BatchListenerFailedException("cannot read " + describe(record), unreadable, index);
            }
            readable.ifPresent(chunk::add);
            if (chunk.size() == transactionSize) {
                handle(chunk, records);
                chunk.clear();
            }
        }
        handle(chunk, records);
    }

    /** The record's envelope and payload; empty when its type is not one the handler of its topic takes. */
    private Optional<? extends Readable<?>> read(ConsumerRecord<String, byte[]> record, int index) {
        MessageHandler<?> handler = handlers.get(record.topic());
        if (handler == null) {
            throw new IllegalStateException("no handler for " + record.topic() + " in this consumer");
        }
        return read(record, index, handler, metrics);
    }

    private static <M> Optional<Readable<M>> read(ConsumerRecord<String, byte[]> record, int index,
            MessageHandler<M> handler, MessagingMetrics metrics) {
        IncomingMessage envelope = CloudEventHeaders.read(record);
        Optional<MessageType> type = MessageCatalog.byName(envelope.type())
                .filter(known -> handler.messageType().isAssignableFrom(known.payloadType()));
        if (type.isEmpty()) {
            metrics.unknownTypeSkipped(record.topic());
            log.debug("Skipping message {} of type {} on {}: not a {}", envelope.id(), envelope.type(),
                    record.topic(), handler.messageType().getSimpleName());
            return Optional.empty();
        }
        M message = handler.messageType().cast(MessageCodec.standard().decode(record.value(), type.get().payloadType()));
        return Optional.of(new Readable<>(index, envelope, handler, message));
    }

    private void handle(List<Readable<?>> chunk, List<ConsumerRecord<String, byte[]>> records) {
        if (chunk.isEmpty()) {
            return;
        }
        if (chunk.size() > 1) {
            try {
                countDuplicates(transactions.execute(status -> handleAll(chunk)));
                return;
            } catch (RuntimeException failed) {
                log.debug("A transaction of {} messages on {} failed, handling them one by one: {}", chunk.size(),
                        chunk.getFirst().envelope().topic(), failed.toString());
            }
        }
        for (Readable<?> readable : chunk) {
            try {
                countDuplicates(transactions.execute(status -> handleAll(List.of(readable))));
            } catch (RuntimeException failed) {
                throw new BatchListenerFailedException("handling " + describe(records.get(readable.index()))
                        + " failed", failed, readable.index());
            }
        }
    }

    /**
     * Runs the handler for each message not handled before; returns the topic of each duplicate (a shared consumer's
     * chunk holds several topics), to be counted once the transaction has committed.
     */
    private List<String> handleAll(List<? extends Readable<?>> chunk) {
        List<String> duplicates = new ArrayList<>();
        for (Readable<?> readable : chunk) {
            IncomingMessage envelope = readable.envelope();
            if (!readable.handler().dropsDuplicatesItself() && !inbox.firstDelivery(consumer, envelope.id())) {
                duplicates.add(envelope.topic());
                log.debug("Skipping message {} on {}: already handled by {}", envelope.id(), envelope.topic(),
                        consumer);
                continue;
            }
            observations.observe(envelope, consumer,
                    () -> HandlingContext.handling(envelope, readable::handle));
        }
        return duplicates;
    }

    private void countDuplicates(List<String> topics) {
        topics.forEach(metrics::duplicateSkipped);
    }

    private static String describe(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    private record Readable<M>(int index, IncomingMessage envelope, MessageHandler<M> handler, M message) {

        void handle() {
            handler.handle(message, envelope);
        }
    }
}
