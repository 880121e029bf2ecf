package dev.orderflow.simulator.psp;

import com.fasterxml.jackson.annotation.JsonFormat;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import java.math.BigDecimal;

/** A positive amount of money as gateways take it: a decimal (sent as a string) and an ISO-4217 code. */
public record Amount(
        @NotNull @Positive @Digits(integer = 12, fraction = 2) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO-4217 code such as EUR") String currency) {

    public Amount {
        // Two decimals always, so 12.5 and 12.50 are the same amount to equals() and on the wire.
        if (amount != null && amount.scale() <= 2) {
            amount = amount.setScale(2);
        }
    }

    public static Amount of(String amount, String currency) {
        return new Amount(new BigDecimal(amount), currency);
    }

    /** The cents part, e.g. 13 for 42.13. */
    int cents() {
        return amount.remainder(BigDecimal.ONE).movePointRight(2).abs().intValue();
    }

    Amount plus(Amount other) {
        return new Amount(amount.add(other.amount), currency);
    }

    boolean exceeds(Amount other) {
        return amount.compareTo(other.amount) > 0;
    }
}
