package dev.orderflow.simulator.provider;

import java.time.Instant;

/** A message the provider delivered. */
public record DeliveredMessage(String messageId, Channel channel, String recipient, String template, String body,
                               Instant deliveredAt) {
}
