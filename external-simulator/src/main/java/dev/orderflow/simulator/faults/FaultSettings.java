package dev.orderflow.simulator.faults;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * How badly one party behaves. A field left out means "no fault of that kind", so {@code {}} heals a party.
 *
 * @param latencyMs   delay before every answer, in milliseconds
 * @param failureRate share of requests answered {@code 503} without doing anything, 0..1
 * @param declineRate share of otherwise valid charges the gateway declines, 0..1 (ignored by the provider)
 * @param outage      when set, every request is answered {@code 503}
 */
public record FaultSettings(
        @Min(0) @Max(120_000) Long latencyMs,
        @DecimalMin("0.0") @DecimalMax("1.0") Double failureRate,
        @DecimalMin("0.0") @DecimalMax("1.0") Double declineRate,
        Boolean outage) {

    /** A party that behaves perfectly. */
    public static final FaultSettings NONE = new FaultSettings(0L, 0.0, 0.0, false);

    public FaultSettings {
        latencyMs = latencyMs == null ? 0L : latencyMs;
        failureRate = failureRate == null ? 0.0 : failureRate;
        declineRate = declineRate == null ? 0.0 : declineRate;
        outage = outage != null && outage;
    }
}
