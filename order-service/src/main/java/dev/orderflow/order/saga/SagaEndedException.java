package dev.orderflow.order.saga;

import java.util.UUID;

/** An operator's action on a saga that has already finished: only a running saga can be resumed or compensated. */
public class SagaEndedException extends RuntimeException {

    private final SagaStep step;

    public SagaEndedException(UUID orderId, SagaStep step) {
        super("the saga of order " + orderId + " already ended " + step + "; only a running saga can be resumed or "
                + "compensated");
        this.step = step;
    }

    public SagaStep step() {
        return step;
    }
}
