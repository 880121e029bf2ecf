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
        assertThat(account.inUse()).isEqualTo(eur("0.00"));
    }

    @Test
    void chargingTakesFromAvailableCredit() {
        account.charge(eur("30.50"), NOW);

        assertThat(account.available()).isEqualTo(eur("69.50"));
        assertThat(account.inUse()).isEqualTo(eur("30.50"));
    }

    @Test
    void refusesAChargeBeyondAvailableCredit() {
        account.charge(eur("90.00"), NOW);

        assertThat(account.canCover(eur("10.01"))).isFalse();
        assertThatThrownBy(() -> account.charge(eur("10.01"), NOW)).isInstanceOf(InsufficientCreditException.class);
        assertThat(account.available()).isEqualTo(eur("10.00"));
    }

    @Test
    void coversExactlyWhatIsAvailable() {
        account.charge(eur("100.00"), NOW);

        assertThat(account.available()).isEqualTo(eur("0.00"));
    }

    @Test
    void doesNotCoverAnotherCurrency() {
        assertThat(account.canCover(Money.of("1.00", "USD"))).isFalse();
    }

    @Test
    void restoringGivesAChargeBack() {
        account.charge(eur("40.00"), NOW);

        account.restore(eur("40.00"), NOW);

        assertThat(account.available()).isEqualTo(eur("100.00"));
    }

    @Test
    void refusesToRestoreMoreThanWasCharged() {
        assertThatThrownBy(() -> account.restore(eur("0.01"), NOW)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void raisingTheLimitRaisesAvailableCreditByTheDifference() {
        account.charge(eur("60.00"), NOW);

        Money change = account.changeLimit(eur("150.00"), NOW);

        assertThat(change).isEqualTo(eur("50.00"));
        assertThat(account.available()).isEqualTo(eur("90.00"));
        assertThat(account.inUse()).isEqualTo(eur("60.00"));
    }

    @Test
    void loweringTheLimitToWhatIsInUseLeavesNothingAvailable() {
        account.charge(eur("60.00"), NOW);

        account.changeLimit(eur("60.00"), NOW);

        assertThat(account.available()).isEqualTo(eur("0.00"));
    }

    @Test
    void refusesALimitBelowWhatIsInUse() {
        account.charge(eur("60.00"), NOW);

        assertThatThrownBy(() -> account.changeLimit(eur("59.99"), NOW)).isInstanceOf(CreditInUseException.class);
        assertThat(account.creditLimit()).isEqualTo(eur("100.00"));
    }

    private static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }
}
