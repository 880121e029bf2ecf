package dev.orderflow.messaging;

import dev.orderflow.events.inventory.ReleaseStock;
import dev.orderflow.messaging.envelope.CurrentTrace;
import dev.orderflow.messaging.envelope.HandlingContext;
import dev.orderflow.messaging.envelope.Traceparent;
import dev.orderflow.messaging.outbox.OutboxStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** How an appended message gets its envelope: type, topic, causality and trace context. */
class OutboxTest {

    private static final String HANDLED_TRACE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private final List<OutgoingMessage> stored = new ArrayList<>();
    private final OutboxStore store = new OutboxStore(null, false) {
        @Override
        public void insert(OutgoingMessage message) {
            stored.add(message);
        }
    };
    private final Clock clock = Clock.fixed(Instant.parse("2026-03-04T05:06:07.123456789Z"), ZoneOffset.UTC);
    private final UUID orderId = UUID.randomUUID();

    @AfterEach
    void endTransaction() {
        TransactionSynchronizationManager.setActualTransactionActive(false);
    }

    @Test
    void refusesToAppendOutsideATransaction() {
        Outbox outbox = new Outbox(store, "/orderflow/test", CurrentTrace.NONE, clock);

        assertThatExceptionOfType(IllegalTransactionStateException.class)
                .isThrownBy(() -> outbox.append(orderId.toString(), new ReleaseStock(orderId)));
        assertThat(stored).isEmpty();
    }

    @Test
    void takesTopicAndTypeFromTheCatalog() {
        inTransaction();
        Outbox outbox = new Outbox(store, "/orderflow/test", CurrentTrace.NONE, clock);

        UUID id = outbox.append(orderId.toString(), 3, new ReleaseStock(orderId));

        OutgoingMessage message = stored.getFirst();
        assertThat(message.id()).isEqualTo(id);
        assertThat(message.topic()).isEqualTo("inventory.commands");
        assertThat(message.type()).isEqualTo("dev.orderflow.inventory.ReleaseStock.v1");
        assertThat(message.key()).isEqualTo(orderId.toString());
        assertThat(message.sequence()).isEqualTo(3L);
        assertThat(message.source()).isEqualTo("/orderflow/test");
        assertThat(message.time()).as("truncated to what PostgreSQL stores")
                .isEqualTo(Instant.parse("2026-03-04T05:06:07.123456Z"));
        assertThat(new String(message.payload())).contains(orderId.toString());
    }

    @Test
    void startsAFlowWithTheKeyAsCorrelationAndANewTrace() {
        inTransaction();
        Outbox outbox = new Outbox(store, "/orderflow/test", CurrentTrace.NONE, clock);

        outbox.append(orderId.toString(), new ReleaseStock(orderId));
        outbox.append(orderId.toString(), new ReleaseStock(orderId));

        assertThat(stored).allSatisfy(message -> {
            assertThat(message.correlationId()).isEqualTo(orderId.toString());
            assertThat(message.causationId()).isNull();
            assertThat(Traceparent.parse(message.traceparent())).isPresent();
        });
        assertThat(stored.get(0).traceparent()).isNotEqualTo(stored.get(1).traceparent());
    }

    @Test
    void continuesTheFlowOfTheMessageBeingHandled() {
        inTransaction();
        Outbox outbox = new Outbox(store, "/orderflow/test", CurrentTrace.NONE, clock);
        IncomingMessage handled = handled("correlation-7", HANDLED_TRACE);

        HandlingContext.handling(handled, () -> outbox.append(orderId.toString(), new ReleaseStock(orderId)));

        OutgoingMessage message = stored.getFirst();
        assertThat(message.correlationId()).isEqualTo("correlation-7");
        assertThat(message.causationId()).isEqualTo(handled.id());
        assertThat(message.traceparent()).isEqualTo(HANDLED_TRACE);
        assertThat(HandlingContext.current()).as("cleared after handling").isEmpty();
    }

    @Test
    void prefersTheTracersCurrentSpanToTheHandledMessagesTrace() {
        inTransaction();
        Traceparent span = Traceparent.of("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", true);
        Outbox outbox = new Outbox(store, "/orderflow/test", () -> Optional.of(span), clock);

        HandlingContext.handling(handled("correlation-7", HANDLED_TRACE),
                () -> outbox.append(orderId.toString(), new ReleaseStock(orderId)));

        assertThat(stored.getFirst().traceparent()).isEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    }

    @Test
    void startsANewTraceWhenTheHandledMessageHasNone() {
        inTransaction();
        Outbox outbox = new Outbox(store, "/orderflow/test", CurrentTrace.NONE, clock);

        HandlingContext.handling(handled("correlation-7", null),
                () -> outbox.append(orderId.toString(), new ReleaseStock(orderId)));

        assertThat(Traceparent.parse(stored.getFirst().traceparent())).isPresent();
    }

    @Test
    void refusesARecordThatIsNotAContractMessage() {
        inTransaction();
        Outbox outbox = new Outbox(store, "/orderflow/test", CurrentTrace.NONE, clock);

        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> outbox.append("key", "just a string"));
    }

    private static void inTransaction() {
        TransactionSynchronizationManager.setActualTransactionActive(true);
    }

    private static IncomingMessage handled(String correlationId, String traceparent) {
        return new IncomingMessage(UUID.randomUUID().toString(), "dev.orderflow.inventory.ReserveStock.v1",
                "/orderflow/order-service", "order-1", Instant.now(), 1L, correlationId, null, traceparent,
                "inventory.commands", 0, 0);
    }
}
