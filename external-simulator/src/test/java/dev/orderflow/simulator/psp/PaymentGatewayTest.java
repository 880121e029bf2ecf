package dev.orderflow.simulator.psp;

import dev.orderflow.simulator.faults.FaultPlan;
import dev.orderflow.simulator.faults.FaultSettings;
import dev.orderflow.simulator.faults.Party;
import dev.orderflow.simulator.web.IdempotencyKeyReusedException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaymentGatewayTest {

    private final FaultPlan faults = new FaultPlan();
    private final PaymentGateway gateway = new PaymentGateway(faults);

    @Test
    void chargesOncePerIdempotencyKey() {
        ChargeRequest request = new ChargeRequest("order-1", "c-1001", Amount.of("42.00", "EUR"));

        Charge first = gateway.charge("charge-order-1", request);
        Charge again = gateway.charge("charge-order-1", request);

        assertThat(first.status()).isEqualTo(Charge.Status.SUCCEEDED);
        assertThat(again).isEqualTo(first);
        assertThat(gateway.chargesFor("order-1")).containsExactly(first);
    }

    @Test
    void treatsTheSameAmountWrittenDifferentlyAsTheSameRequest() {
        Charge first = gateway.charge("k", new ChargeRequest("order-1", "c-1001", Amount.of("42.5", "EUR")));
        Charge again = gateway.charge("k", new ChargeRequest("order-1", "c-1001", Amount.of("42.50", "EUR")));

        assertThat(again).isEqualTo(first);
    }

    @Test
    void refusesAKeyReusedForAnotherCharge() {
        gateway.charge("k", new ChargeRequest("order-1", "c-1001", Amount.of("42.00", "EUR")));

        assertThatThrownBy(() -> gateway.charge("k", new ChargeRequest("order-1", "c-1001", Amount.of("43.00", "EUR"))))
                .isInstanceOf(IdempotencyKeyReusedException.class);
        assertThat(gateway.chargesFor("order-1")).hasSize(1);
    }

    @Test
    void declinesAmountsEndingInThirteenCents() {
        Charge charge = gateway.charge("k", new ChargeRequest("order-1", "c-1001", Amount.of("10.13", "EUR")));

        assertThat(charge.status()).isEqualTo(Charge.Status.DECLINED);
        assertThat(charge.declineCode()).isEqualTo("card_declined");
    }

    @Test
    void declinesEverythingAtADeclineRateOfOne() {
        faults.set(Party.PSP, new FaultSettings(0L, 0.0, 1.0, false));

        Charge charge = gateway.charge("k", new ChargeRequest("order-1", "c-1001", Amount.of("10.00", "EUR")));

        assertThat(charge.status()).isEqualTo(Charge.Status.DECLINED);
        assertThat(charge.declineCode()).isEqualTo("do_not_honor");
    }

    @Test
    void answersARepeatedDeclinedChargeWithTheSameDeclineEvenAfterTheRateDrops() {
        faults.set(Party.PSP, new FaultSettings(0L, 0.0, 1.0, false));
        ChargeRequest request = new ChargeRequest("order-1", "c-1001", Amount.of("10.00", "EUR"));
        Charge declined = gateway.charge("k", request);
        faults.set(Party.PSP, FaultSettings.NONE);

        assertThat(gateway.charge("k", request)).isEqualTo(declined);
    }

    @Test
    void refundsOncePerIdempotencyKey() {
        Charge charge = gateway.charge("c", new ChargeRequest("order-1", "c-1001", Amount.of("42.00", "EUR")));
        RefundRequest request = new RefundRequest(charge.chargeId(), Amount.of("42.00", "EUR"));

        Refund first = gateway.refund("refund-order-1", request);
        Refund again = gateway.refund("refund-order-1", request);

        assertThat(again).isEqualTo(first);
        assertThat(gateway.refundsOf(charge.chargeId())).containsExactly(first);
    }

    @Test
    void neverRefundsMoreThanWasCharged() {
        Charge charge = gateway.charge("c", new ChargeRequest("order-1", "c-1001", Amount.of("42.00", "EUR")));
        gateway.refund("r1", new RefundRequest(charge.chargeId(), Amount.of("40.00", "EUR")));

        assertThatThrownBy(() -> gateway.refund("r2", new RefundRequest(charge.chargeId(), Amount.of("2.01", "EUR"))))
                .isInstanceOf(RefundRefusedException.class)
                .hasMessageContaining("more than");
        assertThat(gateway.refundsOf(charge.chargeId())).hasSize(1);
    }

    @Test
    void refusesToRefundADeclinedOrUnknownCharge() {
        Charge declined = gateway.charge("c", new ChargeRequest("order-1", "c-1001", Amount.of("1.13", "EUR")));

        assertThatThrownBy(() -> gateway.refund("r1", new RefundRequest(declined.chargeId(), Amount.of("1.13", "EUR"))))
                .isInstanceOf(RefundRefusedException.class);
        assertThatThrownBy(() -> gateway.refund("r2", new RefundRequest("ch_nope", Amount.of("1.00", "EUR"))))
                .isInstanceOf(UnknownChargeException.class);
    }
}
