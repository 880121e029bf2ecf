package dev.orderflow.order.saga;

import dev.orderflow.events.RejectionReason;

/** What a saga decision does to the order aggregate. */
public sealed interface OrderChange {

    record Confirm() implements OrderChange {
    }

    record Reject(RejectionReason reason) implements OrderChange {
    }

    record Cancel() implements OrderChange {
    }
}
