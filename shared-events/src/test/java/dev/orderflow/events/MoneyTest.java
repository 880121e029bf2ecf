package dev.orderflow.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;

import static dev.orderflow.events.ContractFixtures.euros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class MoneyTest {

    @Test
    void normalisesTheAmountToTheScaleOfItsCurrency() {
        Money money = euros("59.8");

        assertThat(money.amount()).isEqualTo(new BigDecimal("59.80"));
        assertThat(money).hasToString("59.80 EUR");
    }

    @ParameterizedTest
    @ValueSource(strings = {"59.8", "59.80", "59.800", "5.98E+1"})
    void makesEqualAmountsEqualHowEverTheyAreWritten(String amount) {
        assertThat(euros(amount)).isEqualTo(euros("59.80")).hasSameHashCodeAs(euros("59.80"));
    }

    @Test
    void expandsAnAmountWithAnExponentToTheCurrencyScale() {
        assertThat(euros("1E+3").amount()).isEqualTo(new BigDecimal("1000.00"));
    }

    @Test
    void usesTheMinorUnitOfEachCurrency() {
        assertThat(Money.of("1500", "JPY").amount()).isEqualTo(new BigDecimal("1500"));
        assertThat(Money.of("1.5", "BHD").amount()).isEqualTo(new BigDecimal("1.500"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.001", "59.805", "0.0000001"})
    void refusesMoreDecimalPlacesThanTheCurrencyHas(String amount) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> euros(amount))
                .withMessageContaining("more than 2 decimal places for EUR");
    }

    @Test
    void refusesFractionsOfACurrencyWithoutMinorUnits() {
        assertThatIllegalArgumentException().isThrownBy(() -> Money.of("100.5", "JPY"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"XYZ", "eur", "EURO", ""})
    void refusesACurrencyThatIsNotAnIso4217Code(String currency) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Money.of("1.00", currency))
                .withMessageContaining("unknown ISO-4217 currency");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1,50", "", "NaN", "12 EUR"})
    void refusesAnAmountThatIsNotADecimalNumber(String amount) {
        assertThatIllegalArgumentException().isThrownBy(() -> euros(amount));
    }

    @Test
    void refusesAMissingAmountOrCurrency() {
        assertThatNullPointerException().isThrownBy(() -> new Money(null, "EUR")).withMessage("amount");
        assertThatNullPointerException().isThrownBy(() -> new Money(BigDecimal.ONE, null)).withMessage("currency");
    }

    @Test
    void addsSubtractsAndMultipliesWithinOneCurrency() {
        assertThat(euros("29.90").times(2).plus(euros("4.50"))).isEqualTo(euros("64.30"));
        assertThat(euros("64.30").minus(euros("64.30"))).isEqualTo(Money.zero("EUR"));
        assertThat(euros("4.50").minus(euros("5.00"))).isEqualTo(euros("-0.50"));
    }

    @Test
    void tellsZeroAndNegativeAmountsApart() {
        assertThat(Money.zero("EUR").isZero()).isTrue();
        assertThat(Money.zero("EUR").isNegative()).isFalse();
        assertThat(euros("-0.01").isNegative()).isTrue();
        assertThat(euros("0.01").isZero()).isFalse();
    }

    @Test
    void ordersAmountsOfOneCurrencyByValue() {
        assertThat(euros("4.50")).isLessThan(euros("29.90")).isEqualByComparingTo(euros("4.5"));
    }

    @Test
    void refusesToMixCurrencies() {
        Money euros = euros("10.00");
        Money dollars = Money.of("10.00", "USD");

        assertThatIllegalArgumentException().isThrownBy(() -> euros.plus(dollars))
                .withMessage("currency mismatch: EUR and USD");
        assertThatIllegalArgumentException().isThrownBy(() -> euros.minus(dollars));
        assertThatIllegalArgumentException().isThrownBy(() -> euros.compareTo(dollars));
        assertThat(euros).isNotEqualTo(dollars);
    }
}
