package dev.orderflow.order.domain;

import dev.orderflow.events.Money;
import dev.orderflow.events.RejectionReason;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static dev.orderflow.order.domain.OrderFixtures.CUSTOMER;
import static dev.orderflow.order.domain.OrderFixtures.EVEN_LATER;
import static dev.orderflow.order.domain.OrderFixtures.LATER;
import static dev.orderflow.order.domain.OrderFixtures.ORDER_ID;
import static dev.orderflow.order.domain.OrderFixtures.PLACED_AT;
import static dev.orderflow.order.domain.OrderFixtures.eur;
import static dev.orderflow.order.domain.OrderFixtures.orderCancelled;
import static dev.orderflow.order.domain.OrderFixtures.orderConfirmed;
import static dev.orderflow.order.domain.OrderFixtures.orderPlaced;
import static dev.orderflow.order.domain.OrderFixtures.orderRejected;
import static dev.orderflow.order.domain.OrderFixtures.twoLines;
import static dev.orderflow.order.domain.OrderScenario.given;
import static dev.orderflow.order.domain.OrderScenario.whenCreating;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderTest {

    @Test
    void placingRecordsOrderPlacedWithTheTotalOfItsLines() {
        whenCreating(() -> Order.place(ORDER_ID, CUSTOMER, twoLines(), PLACED_AT))
                .expectEvents(orderPlaced())
                .expectState(order -> {
                    assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
                    assertThat(order.total()).isEqualTo(eur("59.80"));
                    assertThat(order.version()).isEqualTo(1);
                    assertThat(order.loadedVersion()).isZero();
                });
    }

    @Test
    void refusesAnOrderWithoutLines() {
        whenCreating(() -> Order.place(ORDER_ID, CUSTOMER, List.of(), PLACED_AT))
                .expectRefusal(InvalidOrderException.class, "at least one line");
    }

    @Test
    void refusesMoreThanFiftyLines() {
        List<OrderLine> lines = IntStream.rangeClosed(1, 51)
                .mapToObj(i -> new OrderLine("SKU-" + i, 1, eur("1.00")))
                .toList();
        whenCreating(() -> Order.place(ORDER_ID, CUSTOMER, lines, PLACED_AT))
                .expectRefusal(InvalidOrderException.class, "at most 50 lines");
    }

    @Test
    void acceptsFiftyLinesOfAThousandEach() {
        List<OrderLine> lines = IntStream.rangeClosed(1, 50)
                .mapToObj(i -> new OrderLine("SKU-" + i, 1000, eur("0.01")))
                .toList();
        whenCreating(() -> Order.place(ORDER_ID, CUSTOMER, lines, PLACED_AT))
                .expectState(order -> assertThat(order.total()).isEqualTo(eur("500.00")));
    }

    @Test
    void refusesQuantitiesOutsideOneToAThousand() {
        whenCreating(() -> Order.place(ORDER_ID, CUSTOMER, List.of(new OrderLine("SKU-001", 0, eur("1.00"))),
                PLACED_AT)).expectRefusal(InvalidOrderException.class, "between 1 and 1000, not 0");
        whenCreating(() -> Order.place(ORDER_ID, CUSTOMER, List.of(new OrderLine("SKU-001", 1001, eur("1.00"))),
                PLACED_AT)).expectRefusal(InvalidOrderException.class, "between 1 and 1000, not 1001");
    }

    @Test
    void refusesTheSameSkuOnTwoLines() {
        whenCreating(() -> Order.place(ORDER_ID, CUSTOMER, List.of(new OrderLine("SKU-001", 1, eur("1.00")),
                new OrderLine("SKU-001", 2, eur("1.00"))), PLACED_AT))
                .expectRefusal(InvalidOrderException.class, "repeated: [SKU-001]");
    }

    @Test
    void refusesLinesPricedInDifferentCurrencies() {
        whenCreating(() -> Order.place(ORDER_ID, CUSTOMER, List.of(new OrderLine("SKU-001", 1, eur("1.00")),
                new OrderLine("SKU-002", 1, Money.of("1.00", "USD"))), PLACED_AT))
                .expectRefusal(InvalidOrderException.class, "one currency");
    }

    @Test
    void refusesAnOrderWithoutCustomer() {
        whenCreating(() -> Order.place(ORDER_ID, " ", twoLines(), PLACED_AT))
                .expectRefusal(InvalidOrderException.class, "customer");
    }

    @Test
    void confirmsAPendingOrder() {
        given(orderPlaced())
                .when(order -> order.confirm(LATER))
                .expectEvents(orderConfirmed())
                .expectState(order -> {
                    assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
                    assertThat(order.failureReason()).isNull();
                    assertThat(order.updatedAt()).isEqualTo(LATER);
                    assertThat(order.loadedVersion()).isEqualTo(1);
                    assertThat(order.version()).isEqualTo(2);
                });
    }

    @Test
    void rejectsAPendingOrderForAReason() {
        given(orderPlaced())
                .when(order -> order.reject(RejectionReason.OUT_OF_STOCK, LATER))
                .expectEvents(orderRejected(RejectionReason.OUT_OF_STOCK))
                .expectState(order -> {
                    assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
                    assertThat(order.failureReason()).isEqualTo(RejectionReason.OUT_OF_STOCK);
                });
    }

    @Test
    void neverConfirmsTwice() {
        given(orderPlaced(), orderConfirmed())
                .when(order -> order.confirm(EVEN_LATER))
                .expectRefusal(OrderStateException.class, "is CONFIRMED and cannot be confirmed");
    }

    @Test
    void neverConfirmsARejectedOrder() {
        given(orderPlaced(), orderRejected(RejectionReason.TIMED_OUT))
                .when(order -> order.confirm(EVEN_LATER))
                .expectRefusal(OrderStateException.class, "is REJECTED");
    }

    @Test
    void neverRejectsAConfirmedOrder() {
        given(orderPlaced(), orderConfirmed())
                .when(order -> order.reject(RejectionReason.TIMED_OUT, EVEN_LATER))
                .expectRefusal(OrderStateException.class, "cannot be rejected");
    }

    @Test
    void cancelsAPendingOrder() {
        given(orderPlaced())
                .when(order -> order.cancel(LATER))
                .expectEvents(orderCancelled(LATER))
                .expectState(order -> {
                    assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
                    assertThat(order.failureReason()).isEqualTo(RejectionReason.CUSTOMER_CANCELLED);
                });
    }

    @Test
    void cancelsAConfirmedOrder() {
        given(orderPlaced(), orderConfirmed())
                .when(order -> order.cancel(EVEN_LATER))
                .expectEvents(orderCancelled(EVEN_LATER))
                .expectState(order -> assertThat(order.version()).isEqualTo(3));
    }

    @Test
    void neverCancelsARejectedOrder() {
        given(orderPlaced(), orderRejected(RejectionReason.OUT_OF_STOCK))
                .when(order -> order.cancel(EVEN_LATER))
                .expectRefusal(OrderStateException.class, "is REJECTED and cannot be cancelled");
    }

    @Test
    void neverCancelsTwice() {
        given(orderPlaced(), orderCancelled(LATER))
                .when(order -> order.cancel(EVEN_LATER))
                .expectRefusal(OrderStateException.class, "is CANCELLED");
    }

    @Test
    void rebuildsItsStateFromItsHistory() {
        Order order = Order.rebuild(ORDER_ID, List.of(orderPlaced(), orderConfirmed(), orderCancelled(EVEN_LATER)));

        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.lines()).containsExactlyElementsOf(twoLines());
        assertThat(order.createdAt()).isEqualTo(PLACED_AT);
        assertThat(order.updatedAt()).isEqualTo(EVEN_LATER);
        assertThat(order.version()).isEqualTo(3);
        assertThat(order.changes()).isEmpty();
    }

    @Test
    void refusesAHistoryThatDoesNotStartWithItsPlacement() {
        assertThatThrownBy(() -> Order.rebuild(ORDER_ID, List.of(orderPlaced(), orderPlaced())))
                .hasMessageContaining("placed twice");
        assertThatThrownBy(() -> Order.rebuild(ORDER_ID, List.of(orderConfirmed())))
                .hasMessageContaining("starts with OrderConfirmed");
        assertThatThrownBy(() -> Order.rebuild(ORDER_ID, List.of()))
                .hasMessageContaining("no history");
    }
}
