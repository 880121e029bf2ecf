package dev.orderflow.payment.domain;

import dev.orderflow.events.Money;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CreditAccountTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    private final CreditAccount account = CreditAccount.open("c-1", eur("100.00"), NOW);

    @Test
    void opensWithItsWholeLimitAvailable() {
        assertThat(account.available()).isEqualTo(eur("100.00"));
        assertThat(account.balance()).isEqualTo(eur("100.00"));
        assertThat(account.held()).isEqualTo(eur("0.00"));
        assertThat(account.inUse()).isEqualTo(eur("0.00"));
    }

    @Test
    void aHoldTakesFromAvailableCreditButNotFromTheBalance() {
        account.hold(eur("30.50"), NOW);

        assertThat(account.available()).isEqualTo(eur("69.50"));
        assertThat(account.held()).isEqualTo(eur("30.50"));
        assertThat(account.balance()).isEqualTo(eur("100.00"));
        assertThat(account.inUse()).isEqualTo(eur("30.50"));
    }

    @Test
    void chargingAHoldTakesItFromTheBalance() {
        account.hold(eur("30.50"), NOW);

        account.chargeHeld(eur("30.50"), NOW);

        assertThat(account.available()).isEqualTo(eur("69.50"));
        assertThat(account.held()).isEqualTo(eur("0.00"));
        assertThat(account.balance()).isEqualTo(eur("69.50"));
    }

    @Test
    void releasingAHoldMakesItAvailableAgain() {
        account.hold(eur("30.50"), NOW);

        account.releaseHold(eur("30.50"), NOW);

        assertThat(account.available()).isEqualTo(eur("100.00"));
        assertThat(account.balance()).isEqualTo(eur("100.00"));
    }

    @Test
    void refusesAHoldBeyondAvailableCreditCountingOtherHolds() {
        account.hold(eur("60.00"), NOW);
        account.hold(eur("30.00"), NOW);

        assertThat(account.canCover(eur("10.01"))).isFalse();
        assertThatThrownBy(() -> account.hold(eur("10.01"), NOW)).isInstanceOf(InsufficientCreditException.class);
        assertThat(account.available()).isEqualTo(eur("10.00"));
    }

    @Test
    void coversExactlyWhatIsAvailable() {
        account.hold(eur("100.00"), NOW);
        account.chargeHeld(eur("100.00"), NOW);

        assertThat(account.available()).isEqualTo(eur("0.00"));
    }

    @Test
    void refusesToChargeOrReleaseMoreThanIsHeld() {
        account.hold(eur("10.00"), NOW);

        assertThatThrownBy(() -> account.chargeHeld(eur("10.01"), NOW)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> account.releaseHold(eur("10.01"), NOW)).isInstanceOf(IllegalStateException.class);
        assertThat(account.held()).isEqualTo(eur("10.00"));
    }

    @Test
    void doesNotCoverAnotherCurrency() {
        assertThat(account.canCover(Money.of("1.00", "USD"))).isFalse();
    }

    @Test
    void restoringGivesAChargeBack() {
        account.hold(eur("40.00"), NOW);
        account.chargeHeld(eur("40.00"), NOW);

        account.restore(eur("40.00"), NOW);

        assertThat(account.available()).isEqualTo(eur("100.00"));
    }

    @Test
    void refusesToRestoreMoreThanWasCharged() {
        account.hold(eur("40.00"), NOW);

        assertThatThrownBy(() -> account.restore(eur("0.01"), NOW)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void raisingTheLimitRaisesAvailableCreditByTheDifference() {
        charged("40.00");
        account.hold(eur("20.00"), NOW);

        Money change = account.changeLimit(eur("150.00"), NOW);

        assertThat(change).isEqualTo(eur("50.00"));
        assertThat(account.available()).isEqualTo(eur("90.00"));
        assertThat(account.inUse()).isEqualTo(eur("60.00"));
    }

    @Test
    void loweringTheLimitToWhatIsInUseLeavesNothingAvailable() {
        charged("40.00");
        account.hold(eur("20.00"), NOW);

        account.changeLimit(eur("60.00"), NOW);

        assertThat(account.available()).isEqualTo(eur("0.00"));
        assertThat(account.held()).isEqualTo(eur("20.00"));
    }

    @Test
    void refusesALimitBelowWhatIsChargedAndHeld() {
        charged("40.00");
        account.hold(eur("20.00"), NOW);

        assertThatThrownBy(() -> account.changeLimit(eur("59.99"), NOW)).isInstanceOf(CreditInUseException.class);
        assertThat(account.creditLimit()).isEqualTo(eur("100.00"));
    }

    private void charged(String amount) {
        account.hold(eur(amount), NOW);
        account.chargeHeld(eur(amount), NOW);
    }

    private static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }
}
