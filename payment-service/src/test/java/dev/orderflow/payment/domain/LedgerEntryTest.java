package dev.orderflow.payment.domain;

import dev.orderflow.events.Money;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerEntryTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void aChargeTakesFromTheBalanceAndRecordsTheBalanceAfter() {
        CreditAccount account = CreditAccount.open("c-1", Money.of("100.00", "EUR"), NOW);
        Payment payment = Payment.pending(UUID.randomUUID(), "c-1", Money.of("30.00", "EUR"), "msg-1", null, null, NOW);
        account.hold(Money.of("20.00", "EUR"), NOW);
        account.hold(payment.amount(), NOW);
        account.chargeHeld(payment.amount(), NOW);

        LedgerEntry entry = LedgerEntry.charge(account, payment, NOW);

        assertThat(entry.kind()).isEqualTo(LedgerEntry.Kind.CHARGE);
        assertThat(entry.amount()).isEqualTo(Money.of("-30.00", "EUR"));
        assertThat(entry.availableAfter()).as("the balance, whatever else is held").isEqualTo(Money.of("70.00", "EUR"));
        assertThat(entry.orderId()).isEqualTo(payment.orderId());
    }

    @Test
    void aRefundGivesBackWhatTheChargeTook() {
        CreditAccount account = CreditAccount.open("c-1", Money.of("100.00", "EUR"), NOW);
        Payment payment = Payment.pending(UUID.randomUUID(), "c-1", Money.of("30.00", "EUR"), "msg-1", null, null, NOW);
        account.hold(payment.amount(), NOW);
        account.chargeHeld(payment.amount(), NOW);
        LedgerEntry charge = LedgerEntry.charge(account, payment, NOW);
        account.restore(payment.amount(), NOW);

        LedgerEntry refund = LedgerEntry.refund(account, payment, NOW);

        assertThat(charge.amount().plus(refund.amount()).isZero()).isTrue();
        assertThat(refund.availableAfter()).isEqualTo(Money.of("100.00", "EUR"));
    }
}
