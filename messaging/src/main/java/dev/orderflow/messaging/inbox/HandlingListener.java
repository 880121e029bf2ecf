package dev.orderflow.messaging.inbox;

import dev.orderflow.events.MessageCatalog;
import dev.orderflow.events.MessageType;
import dev.orderflow.events.wire.MessageCodec;
import dev.orderflow.messaging.IncomingMessage;
import dev.orderflow.messaging.MessageHandler;
import dev.orderflow.messaging.envelope.CloudEventHeaders;
import dev.orderflow.messaging.envelope.HandlingContext;
import dev.orderflow.messaging.metrics.MessagingMetrics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Optional;

/**
 * Hands one consumed record to a {@link MessageHandler}: reads the envelope (invalid: dead letter), skips types
 * the handler does not know (tolerant reader), decodes the payload (malformed: dead letter) and runs the handler
 * in one transaction with the inbox record, skipping a message id the consumer has already handled.
 */
final class HandlingListener<M> implements MessageListener<String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(HandlingListener.class);

    private final MessageHandler<M> handler;
    private final String consumer;
    private final Inbox inbox;
    private final TransactionTemplate transactions;
    private final MessagingMetrics metrics;

    HandlingListener(MessageHandler<M> handler, String consumer, Inbox inbox, TransactionTemplate transactions,
            MessagingMetrics metrics) {
        this.handler = handler;
        this.consumer = consumer;
        this.inbox = inbox;
        this.transactions = transactions;
        this.metrics = metrics;
    }

    @Override
    public void onMessage(ConsumerRecord<String, byte[]> record) {
        IncomingMessage envelope = CloudEventHeaders.read(record);
        Optional<MessageType> type = MessageCatalog.byName(envelope.type())
                .filter(known -> handler.messageType().isAssignableFrom(known.payloadType()));
        if (type.isEmpty()) {
            metrics.unknownTypeSkipped(record.topic());
            log.debug("Skipping message {} of type {} on {}: not a {}", envelope.id(), envelope.type(),
                    record.topic(), handler.messageType().getSimpleName());
            return;
        }
        M message = handler.messageType().cast(MessageCodec.standard().decode(record.value(), type.get().payloadType()));
        transactions.executeWithoutResult(status -> {
            if (!inbox.firstDelivery(consumer, envelope.id())) {
                metrics.duplicateSkipped(record.topic());
                log.debug("Skipping message {} on {}: already handled by {}", envelope.id(), record.topic(), consumer);
                return;
            }
            HandlingContext.handling(envelope, () -> handler.handle(message, envelope));
        });
    }
}
