package dev.orderflow.console.messaging;

import dev.orderflow.console.domain.Milestone;
import dev.orderflow.console.store.OrderFlows;
import dev.orderflow.messaging.IncomingMessage;
import dev.orderflow.messaging.MessageHandler;
import dev.orderflow.messaging.envelope.Traceparent;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.util.Optional;

/**
 * Records every message of one topic of the saga as a milestone of its order, in the transaction that messaging
 * handles it in: what the message says, who wrote it ({@code ce_source}) and when ({@code ce_time}). The messages of
 * one transaction (up to a poll's) go to the database in one statement when it commits.
 *
 * @param <M> the sealed family of the topic's messages
 */
class SagaTopic<M> implements MessageHandler<M> {

    private final String topic;
    private final Class<M> messageType;
    private final OrderFlows flows;

    SagaTopic(String topic, Class<M> messageType, OrderFlows flows) {
        this.topic = topic;
        this.messageType = messageType;
        this.flows = flows;
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public Class<M> messageType() {
        return messageType;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void handle(M message, IncomingMessage envelope) {
        flows.recordAtCommit(Milestone.of(message, envelope.id(), envelope.source(), envelope.topic(), envelope.time()),
                Traceparent.parse(envelope.traceparent()).map(Traceparent::traceId).orElse(null));
    }

    /**
     * One consumer for all five topics: a record retried after a failure holds up the other topics, which for a read
     * model is no loss (what fails here is its database, which stops them all anyway).
     */
    @Override
    public Optional<String> sharedConsumer() {
        return Optional.of("saga");
    }

    /** A milestone is keyed on its message id: a redelivery changes nothing, without the inbox's statement too. */
    @Override
    public boolean dropsDuplicatesItself() {
        return true;
    }
}
