package dev.orderflow.payment.web;

import dev.orderflow.events.Money;

/** Money in answers: the amount as a decimal string ({@code "59.80"}), never a binary float. */
record MoneyView(String amount, String currency) {

    static MoneyView of(Money money) {
        return new MoneyView(money.amount().toPlainString(), money.currency());
    }
}
