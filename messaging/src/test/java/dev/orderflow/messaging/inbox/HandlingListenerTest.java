package dev.orderflow.messaging.inbox;

import dev.orderflow.events.MessageCatalog;
import dev.orderflow.events.RejectionReason;
import dev.orderflow.events.Topics;
import dev.orderflow.events.inventory.CommitStock;
import dev.orderflow.events.inventory.InventoryCommand;
import dev.orderflow.events.payment.PaymentCommand;
import dev.orderflow.events.payment.RefundPayment;
import dev.orderflow.events.wire.MessageCodec;
import dev.orderflow.messaging.IncomingMessage;
import dev.orderflow.messaging.MessageHandler;
import dev.orderflow.messaging.envelope.CloudEventHeaders;
import dev.orderflow.messaging.metrics.MessagingMetrics;
import dev.orderflow.messaging.tracing.HandlingObservations;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Which messages the listener records in the inbox, and which it hands to the handler. */
class HandlingListenerTest {

    private final Set<String> inboxed = new HashSet<>();
    private final List<String> inboxStatements = new ArrayList<>();
    private final Inbox inbox = new Inbox(null) {
        @Override
        public boolean firstDelivery(String consumer, String messageId) {
            inboxStatements.add(messageId);
            return inboxed.add(consumer + "/" + messageId);
        }
    };

    @Test
    void recordsEachMessageInTheInboxAndSkipsARedelivery() {
        Handler handler = new Handler(false);
        ConsumerRecord<String, byte[]> message = record(0);

        listener(handler).onMessage(List.of(message, record(1)));
        listener(handler).onMessage(List.of(message));

        assertThat(handler.handled).hasSize(2);
        assertThat(inboxStatements).hasSize(3);
    }

    @Test
    void leavesTheInboxAloneForAHandlerThatDropsDuplicatesItself() {
        Handler handler = new Handler(true);
        ConsumerRecord<String, byte[]> message = record(0);

        listener(handler).onMessage(List.of(message, record(1)));
        listener(handler).onMessage(List.of(message));

        assertThat(inboxStatements).isEmpty();
        assertThat(handler.handled).as("every delivery, the redelivery too: the handler drops it").hasSize(3);
    }

    @Test
    void handsEachRecordOfASharedConsumerToTheHandlerOfItsTopicInThePollsOrder() {
        List<String> handled = new ArrayList<>();
        Recording<InventoryCommand> stock = new Recording<>(Topics.INVENTORY_COMMANDS, InventoryCommand.class, handled);
        Recording<PaymentCommand> payments = new Recording<>(Topics.PAYMENTS_COMMANDS, PaymentCommand.class, handled);
        HandlingListener shared = new HandlingListener(List.of(stock, payments), "test-consumer", inbox,
                new TransactionTemplate(new NoTransactions()), new MessagingMetrics(new SimpleMeterRegistry()), 50,
                new HandlingObservations(ObservationRegistry.NOOP));
        UUID orderId = UUID.randomUUID();

        shared.onMessage(List.of(
                record(Topics.PAYMENTS_COMMANDS, 0, new RefundPayment(orderId, RejectionReason.CUSTOMER_CANCELLED)),
                record(Topics.INVENTORY_COMMANDS, 0, new CommitStock(orderId)),
                record(Topics.PAYMENTS_COMMANDS, 1, new RefundPayment(orderId, RejectionReason.CUSTOMER_CANCELLED))));

        assertThat(handled).containsExactly(
                Topics.PAYMENTS_COMMANDS + " RefundPayment", Topics.INVENTORY_COMMANDS + " CommitStock",
                Topics.PAYMENTS_COMMANDS + " RefundPayment");
        assertThat(inboxStatements).hasSize(3);
    }

    @Test
    void countsEachDuplicateOfASharedConsumerUnderItsOwnTopic() {
        List<String> handled = new ArrayList<>();
        Recording<InventoryCommand> stock = new Recording<>(Topics.INVENTORY_COMMANDS, InventoryCommand.class, handled);
        Recording<PaymentCommand> payments = new Recording<>(Topics.PAYMENTS_COMMANDS, PaymentCommand.class, handled);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        HandlingListener shared = new HandlingListener(List.of(stock, payments), "test-consumer", inbox,
                new TransactionTemplate(new NoTransactions()), new MessagingMetrics(meters), 50,
                new HandlingObservations(ObservationRegistry.NOOP));
        UUID orderId = UUID.randomUUID();
        List<ConsumerRecord<String, byte[]>> poll = List.of(
                record(Topics.INVENTORY_COMMANDS, 0, new CommitStock(orderId)),
                record(Topics.PAYMENTS_COMMANDS, 0, new RefundPayment(orderId, RejectionReason.CUSTOMER_CANCELLED)),
                record(Topics.PAYMENTS_COMMANDS, 1, new RefundPayment(orderId, RejectionReason.CUSTOMER_CANCELLED)));

        shared.onMessage(poll);
        shared.onMessage(poll);

        assertThat(handled).hasSize(3);
        assertThat(meters.get("orderflow.messaging.inbox.duplicates").tag("topic", Topics.INVENTORY_COMMANDS)
                .counter().count()).isEqualTo(1);
        assertThat(meters.get("orderflow.messaging.inbox.duplicates").tag("topic", Topics.PAYMENTS_COMMANDS)
                .counter().count()).isEqualTo(2);
    }

    private HandlingListener listener(Handler handler) {
        return new HandlingListener(List.of(handler), "test-consumer", inbox, new TransactionTemplate(new NoTransactions()),
                new MessagingMetrics(new SimpleMeterRegistry()), 50,
                new HandlingObservations(ObservationRegistry.NOOP));
    }

    private static ConsumerRecord<String, byte[]> record(long offset) {
        return record(Topics.INVENTORY_COMMANDS, offset, new CommitStock(UUID.randomUUID()));
    }

    private static ConsumerRecord<String, byte[]> record(String topic, long offset, Object command) {
        String orderId = topic + "-" + offset;
        RecordHeaders headers = new RecordHeaders();
        header(headers, CloudEventHeaders.ID, topic + "-m-" + offset);
        header(headers, CloudEventHeaders.TYPE, MessageCatalog.of(command.getClass()).name());
        header(headers, CloudEventHeaders.SOURCE, "/orderflow/order-service");
        header(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        header(headers, CloudEventHeaders.TIME, Instant.now().toString());
        header(headers, CloudEventHeaders.SUBJECT, orderId);
        header(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        byte[] value = MessageCodec.standard().encode(command);
        return new ConsumerRecord<>(topic, 0, offset, 0L, TimestampType.CREATE_TIME, 0, value.length, orderId, value,
                headers, Optional.empty());
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static final class Handler implements MessageHandler<InventoryCommand> {

        private final boolean dropsDuplicatesItself;
        private final List<String> handled = new ArrayList<>();

        private Handler(boolean dropsDuplicatesItself) {
            this.dropsDuplicatesItself = dropsDuplicatesItself;
        }

        @Override
        public String topic() {
            return Topics.INVENTORY_COMMANDS;
        }

        @Override
        public Class<InventoryCommand> messageType() {
            return InventoryCommand.class;
        }

        @Override
        public void handle(InventoryCommand message, IncomingMessage envelope) {
            handled.add(envelope.id());
        }

        @Override
        public boolean dropsDuplicatesItself() {
            return dropsDuplicatesItself;
        }
    }

    /** Notes the topic and type of each message it handles. */
    private record Recording<M>(String topic, Class<M> messageType, List<String> handled) implements MessageHandler<M> {

        @Override
        public void handle(M message, IncomingMessage envelope) {
            handled.add(topic + " " + message.getClass().getSimpleName());
        }

        @Override
        public Optional<String> sharedConsumer() {
            return Optional.of("commands");
        }
    }

    /** Transactions that only run their callback: the inbox and the handler here touch no database. */
    private static final class NoTransactions extends AbstractPlatformTransactionManager {

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
        }
    }
}
