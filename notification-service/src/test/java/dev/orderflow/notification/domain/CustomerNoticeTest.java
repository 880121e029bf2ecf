package dev.orderflow.notification.domain;

import dev.orderflow.events.Money;
import dev.orderflow.events.RejectionReason;
import dev.orderflow.events.order.OrderCancelled;
import dev.orderflow.events.order.OrderConfirmed;
import dev.orderflow.events.order.OrderPlaced;
import dev.orderflow.events.order.OrderRejected;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerNoticeTest {

    private static final UUID ORDER = UUID.fromString("5b7e2a0c-3f4d-4c8e-9a61-0d2f1e3b4a55");
    private static final Instant NOW = Instant.parse("2026-11-24T10:15:30Z");

    @Test
    void placedOrderNotifiesNobody() {
        var placed = new OrderPlaced(ORDER, "c-1001",
                List.of(new OrderPlaced.Line("SKU-001", 2, Money.of("29.90", "EUR"))), Money.of("59.80", "EUR"), NOW);

        assertThat(CustomerNotice.about(placed)).isEmpty();
    }

    @Test
    void confirmedOrderIsAnEmailNamingOrderAndAmount() {
        var notice = CustomerNotice.about(new OrderConfirmed(ORDER, "c-1001", Money.of("59.80", "EUR"), NOW))
                .orElseThrow();

        assertThat(notice.template()).isEqualTo(Template.ORDER_CONFIRMED);
        assertThat(notice.channel()).isEqualTo(Channel.EMAIL);
        assertThat(notice.orderId()).isEqualTo(ORDER);
        assertThat(notice.recipient()).isEqualTo("c-1001");
        assertThat(notice.body()).contains(ORDER.toString()).contains("59.80 EUR").contains("confirmed");
    }

    @Test
    void rejectedOrderExplainsTheReason() {
        var notice = CustomerNotice.about(
                new OrderRejected(ORDER, "c-1002", RejectionReason.INSUFFICIENT_CREDIT, NOW)).orElseThrow();

        assertThat(notice.template()).isEqualTo(Template.ORDER_REJECTED);
        assertThat(notice.body())
                .contains(ORDER.toString())
                .contains("your credit limit does not cover it")
                .contains("INSUFFICIENT_CREDIT")
                .contains("Nothing was charged");
    }

    @Test
    void cancelledOrderExplainsTheReasonAndTheRefund() {
        var notice = CustomerNotice.about(
                new OrderCancelled(ORDER, "c-1003", RejectionReason.CUSTOMER_CANCELLED, NOW)).orElseThrow();

        assertThat(notice.template()).isEqualTo(Template.ORDER_CANCELLED);
        assertThat(notice.body()).contains("you cancelled it").contains("CUSTOMER_CANCELLED").contains("refunded");
    }

    @ParameterizedTest
    @EnumSource(RejectionReason.class)
    void everyRejectionReasonReadsAsPlainLanguage(RejectionReason reason) {
        var notice = CustomerNotice.about(new OrderRejected(ORDER, "c-1004", reason, NOW)).orElseThrow();

        String explanation = notice.body().substring(notice.body().indexOf("because ") + "because ".length(),
                notice.body().indexOf(" (reason:"));
        assertThat(explanation).isNotBlank().doesNotContain("_").isNotEqualTo(reason.name());
    }
}
