package dev.orderflow.order.store;

import java.time.Instant;

/** One stored event of an order, as the history endpoint shows it; data is the event's JSON. */
public record RecordedEvent(String type, long version, Instant time, String data) {
}
