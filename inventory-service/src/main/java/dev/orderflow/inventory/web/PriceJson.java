package dev.orderflow.inventory.web;

import dev.orderflow.events.Money;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import java.math.BigDecimal;

/** A price in a request; accepts the amount as a JSON string or number. */
record PriceJson(
        @NotNull @Positive @Digits(integer = 10, fraction = 2) BigDecimal amount,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency) {

    /** The price as money of the catalog's currency, or {@link InvalidPrice} saying why it cannot be. */
    Money toMoney(String catalogCurrency) {
        if (!currency.equals(catalogCurrency)) {
            throw new InvalidPrice("the catalog prices in " + catalogCurrency + ", not " + currency);
        }
        try {
            return new Money(amount, currency);
        } catch (IllegalArgumentException e) {
            throw new InvalidPrice(e.getMessage());
        }
    }

    /** A price the catalog cannot take. */
    static final class InvalidPrice extends RuntimeException {
        InvalidPrice(String message) {
            super(message);
        }
    }
}
