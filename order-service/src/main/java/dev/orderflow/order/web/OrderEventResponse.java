package dev.orderflow.order.web;

import tools.jackson.databind.JsonNode;

import java.time.Instant;

/** One event of an order's history: its wire type name, its version in the order, when, and its data. */
public record OrderEventResponse(String type, long version, Instant time, JsonNode data) {
}
