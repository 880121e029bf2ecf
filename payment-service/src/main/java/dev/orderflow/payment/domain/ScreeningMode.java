package dev.orderflow.payment.domain;

/** Who decides whether a payment is suspected: the screening model, or the fraud rules with the model watched. */
public enum ScreeningMode {

    /** Every payment is scored and its score reported; the fraud rules decide. How a new model goes live. */
    SHADOW,

    /** The model decides: a payment scored at or above its threshold is declined. The fraud rules are not asked. */
    ENFORCE
}
