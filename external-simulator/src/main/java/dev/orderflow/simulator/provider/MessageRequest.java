package dev.orderflow.simulator.provider;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A message a sender hands to the provider. */
public record MessageRequest(@NotNull Channel channel, @NotBlank @Size(max = 320) String recipient,
                             @NotBlank @Size(max = 200) String template, @NotNull @Size(max = 10_000) String body) {
}
