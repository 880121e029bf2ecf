package dev.orderflow.notification.delivery;

import dev.orderflow.events.Money;
import dev.orderflow.events.RejectionReason;
import dev.orderflow.events.order.OrderCancelled;
import dev.orderflow.events.order.OrderConfirmed;
import dev.orderflow.events.order.OrderPlaced;
import dev.orderflow.events.order.OrderRejected;
import dev.orderflow.messaging.work.WorkItem;
import dev.orderflow.notification.domain.Channel;
import dev.orderflow.notification.domain.CustomerNotice;
import dev.orderflow.notification.domain.Notification;
import dev.orderflow.notification.domain.NotificationStatus;
import dev.orderflow.notification.domain.Template;
import dev.orderflow.notification.store.Notifications;
import dev.orderflow.notification.support.NotificationServiceIT;
import dev.orderflow.notification.support.OrderEventsTopic;
import dev.orderflow.notification.support.ProviderSimulator;
import dev.orderflow.simulator.provider.DeliveredMessage;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

class NotificationDeliveryIT extends NotificationServiceIT {

    private static final Duration DELIVERY = Duration.ofSeconds(30);
    private static final OrderEventsTopic ORDER_EVENTS = new OrderEventsTopic();

    @Autowired
    Notifications notifications;

    @Autowired
    MeterRegistry meters;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    DeliveryQueue deliveries;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    NotificationProvider provider;

    @Autowired
    CircuitBreakerRegistry circuitBreakers;

    @BeforeEach
    void closeCircuitBreaker() {
        circuitBreakers.circuitBreaker(NotificationProvider.RESILIENCE_INSTANCE).reset();
    }

    @AfterEach
    void healProvider() {
        ProviderSimulator.heal();
    }

    @AfterAll
    static void closeProducer() {
        ORDER_EVENTS.close();
    }

    @Test
    void eachTerminalOrderEventDeliversExactlyOneMessage() {
        String customer = aCustomer();
        UUID confirmed = UUID.randomUUID();
        UUID rejected = UUID.randomUUID();
        UUID cancelled = UUID.randomUUID();

        ORDER_EVENTS.publish(new OrderConfirmed(confirmed, customer, Money.of("59.80", "EUR"), Instant.now()), 3);
        ORDER_EVENTS.publish(new OrderRejected(rejected, customer, RejectionReason.OUT_OF_STOCK, Instant.now()), 2);
        ORDER_EVENTS.publish(new OrderCancelled(cancelled, customer, RejectionReason.CUSTOMER_CANCELLED, Instant.now()), 2);

        await().atMost(DELIVERY).untilAsserted(() -> assertThat(notificationsOf(customer))
                .hasSize(3)
                .allSatisfy(notification -> {
                    assertThat(notification.getStatus()).isEqualTo(NotificationStatus.SENT);
                    assertThat(notification.getSentAt()).isNotNull();
                }));
        assertThat(notificationsOf(customer))
                .extracting(Notification::getOrderId, Notification::getTemplate)
                .containsExactlyInAnyOrder(
                        tuple(confirmed, Template.ORDER_CONFIRMED),
                        tuple(rejected, Template.ORDER_REJECTED),
                        tuple(cancelled, Template.ORDER_CANCELLED));

        List<DeliveredMessage> delivered = ProviderSimulator.deliveredTo(customer);
        assertThat(delivered).hasSize(3);
        assertThat(delivered).extracting(DeliveredMessage::messageId).containsExactlyInAnyOrderElementsOf(
                notificationsOf(customer).stream().map(Notification::getProviderMessageId).toList());
        assertThat(delivered).filteredOn(message -> message.template().equals("ORDER_REJECTED"))
                .singleElement()
                .satisfies(message -> assertThat(message.body()).contains(rejected.toString()).contains("OUT_OF_STOCK"));
    }

    @Test
    void anEventDeliveredFiveTimesAndReplayedUnderANewIdNotifiesOnce() {
        String customer = aCustomer();
        UUID order = UUID.randomUUID();
        var confirmed = new OrderConfirmed(order, customer, Money.of("12.00", "EUR"), Instant.now());
        double duplicatesBefore = meters.get("orderflow.notifications.duplicates").counter().count();

        String messageId = UUID.randomUUID().toString();
        for (int delivery = 0; delivery < 5; delivery++) {
            ORDER_EVENTS.publish(confirmed, 3, messageId);
        }
        ORDER_EVENTS.publish(confirmed, 3);
        // Same key, so same partition: once the cancellation is handled, every copy before it was handled too.
        ORDER_EVENTS.publish(new OrderCancelled(order, customer, RejectionReason.CUSTOMER_CANCELLED, Instant.now()), 4);

        await().atMost(DELIVERY).untilAsserted(() -> assertThat(notificationsOf(customer))
                .hasSize(2)
                .allSatisfy(notification -> assertThat(notification.getStatus()).isEqualTo(NotificationStatus.SENT)));
        assertThat(notificationsOf(customer)).extracting(Notification::getTemplate)
                .containsExactlyInAnyOrder(Template.ORDER_CONFIRMED, Template.ORDER_CANCELLED);
        assertThat(ProviderSimulator.deliveredTo(customer)).extracting(DeliveredMessage::template)
                .containsExactlyInAnyOrder("ORDER_CONFIRMED", "ORDER_CANCELLED");
        assertThat(meters.get("orderflow.notifications.duplicates").counter().count()).isGreaterThan(duplicatesBefore);
    }

    @Test
    void aPlacedOrderNotifiesNobody() {
        String customer = aCustomer();
        UUID order = UUID.randomUUID();

        ORDER_EVENTS.publish(new OrderPlaced(order, customer,
                List.of(new OrderPlaced.Line("SKU-001", 1, Money.of("9.99", "EUR"))), Money.of("9.99", "EUR"),
                Instant.now()), 1);
        ORDER_EVENTS.publish(new OrderRejected(order, customer, RejectionReason.TIMED_OUT, Instant.now()), 2);

        await().atMost(DELIVERY).untilAsserted(() -> assertThat(notificationsOf(customer))
                .singleElement()
                .satisfies(notification -> assertThat(notification.getStatus()).isEqualTo(NotificationStatus.SENT)));
        assertThat(notificationsOf(customer).getFirst().getTemplate()).isEqualTo(Template.ORDER_REJECTED);
        assertThat(ProviderSimulator.deliveredTo(customer)).singleElement()
                .satisfies(message -> assertThat(message.template()).isEqualTo("ORDER_REJECTED"));
    }

    @Test
    void aProviderOutageDelaysNotificationsAndLosesNone() {
        String customer = aCustomer();
        List<UUID> orders = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        double failedBefore = failedAttempts();
        ProviderSimulator.outage(true);

        orders.forEach(order -> ORDER_EVENTS.publish(
                new OrderConfirmed(order, customer, Money.of("5.00", "EUR"), Instant.now()), 3));

        await().atMost(DELIVERY).untilAsserted(() -> assertThat(notificationsOf(customer))
                .hasSize(3)
                .allSatisfy(notification -> {
                    assertThat(notification.getStatus()).isEqualTo(NotificationStatus.PENDING);
                    assertThat(notification.getAttempts()).isGreaterThanOrEqualTo(2);
                    assertThat(notification.getLastError()).isNotBlank();
                }));
        assertThat(ProviderSimulator.deliveredTo(customer)).isEmpty();
        assertThat(failedAttempts()).isGreaterThan(failedBefore);

        ProviderSimulator.outage(false);

        await().atMost(DELIVERY).untilAsserted(() -> assertThat(notificationsOf(customer))
                .hasSize(3)
                .allSatisfy(notification -> {
                    assertThat(notification.getStatus()).isEqualTo(NotificationStatus.SENT);
                    assertThat(notification.getSentAt()).isNotNull();
                }));
        assertThat(ProviderSimulator.deliveredTo(customer))
                .hasSize(3)
                .allSatisfy(message -> assertThat(message.template()).isEqualTo("ORDER_CONFIRMED"))
                .extracting(message -> orders.stream().filter(order -> message.body().contains(order.toString())).count())
                .containsOnly(1L);
    }

    @Test
    void aNotificationTheProviderRefusesEndsFailedAfterOneAttempt() {
        String customer = aCustomer();
        // The provider takes bodies of at most 10,000 characters: this one can never be delivered.
        Notification tooLong = Notification.pending(new CustomerNotice(UUID.randomUUID(), customer,
                Template.ORDER_CONFIRMED, Channel.EMAIL, "x".repeat(10_001)), UUID.randomUUID().toString(), Instant.now());
        transactions.executeWithoutResult(status -> deliveries.add(tooLong));
        dispatcher.wakeUp();

        await().atMost(DELIVERY).untilAsserted(() -> assertThat(notifications.findById(tooLong.getId()))
                .hasValueSatisfying(notification -> {
                    assertThat(notification.getStatus()).isEqualTo(NotificationStatus.FAILED);
                    assertThat(notification.getAttempts()).isOne();
                    assertThat(notification.getLastError()).contains("400");
                }));
        assertThat(ProviderSimulator.deliveredTo(customer)).isEmpty();
    }

    @Test
    void aDispatcherThatDiedAfterTheProviderAcceptedIsFollowedByOneDeliveryNotTwo() {
        String customer = aCustomer();
        Instant now = Instant.now();
        Notification notification = Notification.pending(new CustomerNotice(UUID.randomUUID(), customer,
                Template.ORDER_CONFIRMED, Channel.EMAIL, "Your order is confirmed."), UUID.randomUUID().toString(), now);
        // A dispatcher claimed it for two seconds, handed it to the provider, and died before recording SENT.
        Instant leaseUntil = now.plusSeconds(2);
        transactions.executeWithoutResult(status -> {
            deliveries.add(notification);
            jdbc.update("UPDATE notification_queue SET due_at = ?, attempts = 1 WHERE item_id = ?",
                    Timestamp.from(leaseUntil), notification.getId());
        });
        String acceptedBeforeTheCrash = provider.deliver(
                Delivery.of(notification, new WorkItem(notification.getId(), 1, leaseUntil, now)));

        await().atMost(DELIVERY).untilAsserted(() -> assertThat(notifications.findById(notification.getId()))
                .hasValueSatisfying(stored -> {
                    assertThat(stored.getStatus()).isEqualTo(NotificationStatus.SENT);
                    assertThat(stored.getProviderMessageId()).isEqualTo(acceptedBeforeTheCrash);
                }));
        assertThat(ProviderSimulator.deliveredTo(customer)).singleElement()
                .satisfies(message -> assertThat(message.messageId()).isEqualTo(acceptedBeforeTheCrash));
    }

    private List<Notification> notificationsOf(String customer) {
        return notifications.findByCustomerIdOrderByCreatedAtAscIdAsc(customer);
    }

    private double failedAttempts() {
        return meters.get("orderflow.notifications.failed").tag("outcome", "retrying").counter().count();
    }

    private static String aCustomer() {
        return "c-" + UUID.randomUUID();
    }
}
