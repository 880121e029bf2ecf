package dev.orderflow.order.saga;

/** Where a place-order saga is. The first two wait for a reply and have a deadline; the others are finished. */
public enum SagaStep {
    /** ReserveStock sent, waiting for StockReserved or StockRejected. */
    RESERVING_STOCK,
    /** AuthorizePayment sent, waiting for PaymentAuthorized or PaymentDeclined. */
    AUTHORIZING_PAYMENT,
    /** The order is confirmed; the customer may still cancel it. */
    CONFIRMED,
    REJECTED,
    CANCELLED;

    public boolean isRunning() {
        return this == RESERVING_STOCK || this == AUTHORIZING_PAYMENT;
    }
}
