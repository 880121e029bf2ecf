package dev.orderflow.simulator.psp;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** What a merchant asks the gateway to charge. */
public record ChargeRequest(@NotBlank String reference, @NotBlank String customerId, @NotNull @Valid Amount amount) {
}
