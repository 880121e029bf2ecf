package dev.orderflow.events;

import dev.orderflow.events.inventory.ReserveStock;
import dev.orderflow.events.inventory.StockLine;
import dev.orderflow.events.inventory.StockRejected.Shortage;
import dev.orderflow.events.order.OrderPlaced;
import dev.orderflow.events.payment.AuthorizePayment;
import dev.orderflow.events.payment.DeclineReason;
import dev.orderflow.events.payment.PaymentDeclined;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.orderflow.events.ContractFixtures.CUSTOMER_ID;
import static dev.orderflow.events.ContractFixtures.OCCURRED_AT;
import static dev.orderflow.events.ContractFixtures.ORDER_ID;
import static dev.orderflow.events.ContractFixtures.euros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules the records keep for themselves, so that no producer can publish a message that breaks them. */
class RecordRulesTest {

    @Test
    void keepsItsOwnCopyOfAList() {
        List<StockLine> lines = new ArrayList<>(List.of(new StockLine("SKU-001", 2)));
        ReserveStock command = new ReserveStock(ORDER_ID, lines);

        lines.add(new StockLine("SKU-002", 1));

        assertThat(command.lines()).hasSize(1);
        assertThatThrownBy(() -> command.lines().add(new StockLine("SKU-003", 1)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void refusesAnOrderWithoutLines() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new OrderPlaced(ORDER_ID, CUSTOMER_ID, List.of(), euros("0.00"), OCCURRED_AT));
    }

    @Test
    void refusesALineOfNoQuantity() {
        assertThatIllegalArgumentException().isThrownBy(() -> new StockLine("SKU-001", 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new OrderPlaced.Line("SKU-001", -1, euros("1.00")));
    }

    @Test
    void refusesAShortageOfNothingOrOfNegativeStock() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Shortage("SKU-001", 0, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new Shortage("SKU-001", 2, -1));
        assertThat(new Shortage("SKU-999", 2, 0).available()).isZero();
    }

    @Test
    void refusesToAuthorizeNothing() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new AuthorizePayment(ORDER_ID, CUSTOMER_ID, euros("0.00")));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new AuthorizePayment(ORDER_ID, CUSTOMER_ID, euros("-1.00")));
    }

    @Test
    void readsAMissingDeclineDetailAsEmpty() {
        assertThat(new PaymentDeclined(ORDER_ID, DeclineReason.FRAUD_SUSPECTED, null).detail()).isEmpty();
    }

    @Test
    void refusesAMessageWithoutItsAggregateId() {
        assertThatNullPointerException()
                .isThrownBy(() -> new PaymentDeclined(null, DeclineReason.FRAUD_SUSPECTED, ""))
                .withMessage("orderId");
    }

    @Test
    void rejectsAnOrderClosedBeforeItsPaymentAsTimedOut() {
        assertThat(DeclineReason.ORDER_CLOSED.orderReason()).isEqualTo(RejectionReason.TIMED_OUT);
        assertThat(DeclineReason.INSUFFICIENT_CREDIT.orderReason()).isEqualTo(RejectionReason.INSUFFICIENT_CREDIT);
    }
}
