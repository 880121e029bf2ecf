package dev.orderflow.console.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/** Settings of the console, {@code orderflow.console.*} (env {@code ORDERFLOW_CONSOLE_...}). */
@Validated
@ConfigurationProperties("orderflow.console")
public record ConsoleProperties(@Valid @DefaultValue Retention retention) {

    /**
     * How long finished orders stay in the read model. The topics keep them longer: a rebuild by replay brings them
     * back.
     *
     * @param keep      how long after its outcome an order is kept
     * @param interval  how often older ones are forgotten
     * @param batchSize orders forgotten per transaction
     */
    public record Retention(@DefaultValue("24h") @NotNull Duration keep,
                            @DefaultValue("1m") @NotNull Duration interval,
                            @DefaultValue("1000") @Positive @Max(100_000) int batchSize) {
    }
}
