package dev.orderflow.payment.config;

import dev.orderflow.events.payment.Screening.Mode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of payment-service, {@code orderflow.payment.*} (environment {@code ORDERFLOW_PAYMENT_...}). Retry,
 * circuit breaker and bulkhead of the gateway calls are Resilience4j's own {@code resilience4j.*} settings.
 *
 * @param psp            the payment gateway
 * @param fraud          the fraud rules
 * @param screening      the screening model, and whether it or the fraud rules decide
 * @param reconciliation the search for charges the gateway made after we gave up waiting
 * @param charging       the workers that charge pending payments at the gateway
 */
@ConfigurationProperties("orderflow.payment")
@Validated
public record PaymentProperties(@Valid @DefaultValue Psp psp, @Valid @DefaultValue Fraud fraud,
        @Valid @DefaultValue Screening screening, @Valid @DefaultValue Reconciliation reconciliation,
        @Valid @DefaultValue Charging charging) {

    /**
     * @param baseUrl        where the gateway answers
     * @param connectTimeout longest wait for a connection, per attempt
     * @param readTimeout    longest wait for an answer, per attempt: with the retry settings it bounds the time a
     *                       command spends on the gateway, which must stay well below the consumer's poll interval
     */
    public record Psp(
            @DefaultValue("http://localhost:8090") @NotNull URI baseUrl,
            @DefaultValue("1s") @NotNull Duration connectTimeout,
            @DefaultValue("2s") @NotNull Duration readTimeout) {
    }

    /**
     * @param maxAmount                       a single payment above this (EUR) is suspected
     * @param maxPaymentsPerCustomerPerMinute a customer asking for this many payments within a minute is suspected
     */
    public record Fraud(
            @DefaultValue("3000.00") @NotNull @DecimalMin("0.01") BigDecimal maxAmount,
            @DefaultValue("30") @Min(1) @Max(100_000) int maxPaymentsPerCustomerPerMinute) {
    }

    /**
     * @param mode    {@code shadow}: every payment is scored by the model and its score reported, the fraud rules
     *                decide (how a new model goes live: watched before it is trusted); {@code enforce}: the model
     *                decides, a payment scored at or above its threshold is declined {@code ANOMALY_SUSPECTED}, and the
     *                rules are not asked
     * @param model   a directory holding the model ({@code <version>.tribuo} and its card {@code <version>.json});
     *                unset: the one the screening module's build trained and packaged
     * @param version the model's version; a missing or unreadable model, or one trained on other features than this
     *                code computes, stops the service from starting
     */
    public record Screening(
            @DefaultValue("shadow") @NotNull Mode mode,
            Path model,
            @DefaultValue("payment-screening-v1") @NotBlank String version) {
    }

    /**
     * @param enabled  whether payments declined as unavailable are checked against the gateway
     * @param interval pause between two rounds
     * @param grace    how old a declined payment must be before it is checked: longer than the gateway could still
     *                 be working on a request we gave up on
     * @param horizon  how far back payments are checked
     */
    public record Reconciliation(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("10s") @NotNull Duration interval,
            @DefaultValue("30s") @NotNull Duration grace,
            @DefaultValue("1d") @NotNull Duration horizon) {
    }

    /**
     * @param enabled         whether this instance charges pending payments (any instance may, each claims its own)
     * @param parallelCharges gateway charges in flight at once in this instance; keep it below the {@code psp}
     *                        bulkhead's {@code max-concurrent-calls}, which refunds and reconciliation share
     * @param lease           how long a claimed payment is hidden from other workers, after which it is taken over (its
     *                        worker is presumed dead): longer than the longest charge (retry attempts x (connect +
     *                        read timeout) + backoff), else a slow charge is asked for twice (one charge all the same:
     *                        same idempotency key, but a wasted call)
     * @param pollInterval    pause between scans for pending payments; a new one is charged right after its commit,
     *                        the scan finds what a wake-up missed and what a dead instance left
     */
    public record Charging(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("16") @Min(1) @Max(512) int parallelCharges,
            @DefaultValue("15s") @NotNull Duration lease,
            @DefaultValue("1s") @NotNull Duration pollInterval) {
    }
}
