package dev.orderflow.simulator.psp;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** What a merchant asks the gateway to pay back of a charge. */
public record RefundRequest(@NotBlank String chargeId, @NotNull @Valid Amount amount) {
}
