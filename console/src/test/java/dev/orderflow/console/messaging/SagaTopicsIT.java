package dev.orderflow.console.messaging;

import dev.orderflow.console.domain.Milestone;
import dev.orderflow.console.domain.OrderFlow;
import dev.orderflow.console.domain.Outcome;
import dev.orderflow.console.domain.Step;
import dev.orderflow.console.store.OrderFlows;
import dev.orderflow.console.support.ConsoleIT;
import dev.orderflow.console.support.SagaTopicsProducer;
import dev.orderflow.console.support.Sagas;
import dev.orderflow.events.RejectionReason;
import dev.orderflow.events.order.OrderCancelled;
import dev.orderflow.events.payment.RefundPayment;
import dev.orderflow.events.MessageCatalog;
import dev.orderflow.events.Topics;
import dev.orderflow.events.order.OrderPlaced;
import dev.orderflow.messaging.inbox.MessageConsumers;
import io.micrometer.core.instrument.Counter;
import org.apache.kafka.common.TopicPartition;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An order's saga on the real topics, consumed through the inbox into the read model. */
class SagaTopicsIT extends ConsoleIT {

    private static final SagaTopicsProducer topics = new SagaTopicsProducer();

    @Autowired
    OrderFlows flows;

    @Autowired
    MeterRegistry meters;

    @AfterAll
    static void close() {
        topics.close();
    }

    @Autowired
    MessageConsumers consumers;

    @Test
    void oneConsumerReadsAllFiveTopics() {
        List<String> saga = List.of(Topics.ORDERS_EVENTS, Topics.INVENTORY_COMMANDS, Topics.INVENTORY_EVENTS,
                Topics.PAYMENTS_COMMANDS, Topics.PAYMENTS_EVENTS);

        assertThat(consumers.topics()).containsExactlyInAnyOrderElementsOf(saga);
        assertThat(saga.stream().map(topic -> consumers.container(topic).orElseThrow()).distinct()).hasSize(1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                consumers.container(Topics.ORDERS_EVENTS).orElseThrow().getAssignedPartitions())
                .extracting(TopicPartition::topic).containsAll(saga));
    }

    @Test
    void aConfirmedSagaSentInAnyOrderAndPartlyRedeliveredEndsConfirmedWithEveryMessageOnce() {
        UUID orderId = UUID.randomUUID();
        List<Object> saga = Sagas.confirmed(orderId, "c-1");
        Instant start = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
        List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7));
        Collections.reverse(order);
        List<String> ids = new ArrayList<>(Collections.nCopies(saga.size(), null));
        for (int index : order) {
            ids.set(index, topics.publish(orderId, saga.get(index), start.plusMillis(10L * index)));
        }
        // Redelivered, as after a producer's or a consumer's crash: recorded once.
        topics.publish(orderId, saga.get(3), start.plusMillis(30), ids.get(3));
        topics.publish(orderId, saga.get(5), start.plusMillis(50), ids.get(5));
        // Behind the redeliveries on their partitions (same key): once these are in, so are the redeliveries. A late
        // message after the outcome does not reopen the order.
        String lateRefund = topics.publish(orderId, new RefundPayment(orderId, RejectionReason.CUSTOMER_CANCELLED),
                start.plusMillis(80));
        String lateCancel = topics.publish(orderId, new OrderCancelled(orderId, "c-1",
                RejectionReason.CUSTOMER_CANCELLED, start), start.plusMillis(90));

        ids.add(lateRefund);
        ids.add(lateCancel);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(flows.milestones(orderId))
                .extracting(Milestone::messageId).containsExactlyInAnyOrderElementsOf(ids));
        OrderFlow flow = flows.find(orderId).orElseThrow();
        assertThat(flow.messages()).isEqualTo(10);
        assertThat(flows.traceOf(orderId)).as("the trace its messages carry").contains(SagaTopicsProducer.traceIdOf(orderId));
        assertThat(flow.outcome()).isEqualTo(Outcome.CONFIRMED);
        assertThat(flow.step()).isEqualTo(Step.CONFIRMED);
        assertThat(flow.placedAt()).isEqualTo(start);
        assertThat(flow.finishedAt()).isEqualTo(start.plusMillis(50));
        assertThat(flow.customerId()).isEqualTo("c-1");
        assertThat(flows.milestones(orderId)).extracting(Milestone::messageId).containsExactlyElementsOf(ids);
        assertThat(flows.milestones(orderId)).extracting(Milestone::service).containsExactly("order-service",
                "order-service", "inventory-service", "order-service", "payment-service", "order-service",
                "order-service", "inventory-service", "order-service", "order-service");
    }

    @Test
    void skipsAMessageItCanNeverReadWithoutDeadLetteringItAndGoesOn() {
        UUID orderId = UUID.randomUUID();
        double skippedBefore = poisonSkipped();

        topics.publishRaw(orderId, MessageCatalog.of(OrderPlaced.class), "{\"not\": \"an order\"".getBytes(UTF_8));
        String next = topics.publish(orderId, Sagas.confirmed(orderId, "c-2").getFirst(), Instant.now());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(flows.milestones(orderId))
                .extracting(Milestone::messageId).containsExactly(next));
        assertThat(poisonSkipped()).isEqualTo(skippedBefore + 1);
        assertThat(meters.find("orderflow.messaging.deadletters").counters()).isEmpty();
    }

    private double poisonSkipped() {
        return meters.find("orderflow.messaging.consumer.poison.skipped").tag("topic", Topics.ORDERS_EVENTS).counters()
                .stream().mapToDouble(Counter::count).sum();
    }
}
