package dev.orderflow.order.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of order-service, {@code orderflow.order.*} (environment: {@code ORDERFLOW_ORDER_...}).
 *
 * @param sagaDeadline         how long a place-order saga may wait for its replies before it is timed out
 * @param deadlineScanInterval how often each instance looks for sagas past their deadline: a saga is timed out at most
 *                             this long after it
 * @param deadlineScanBatch    how many overdue sagas one scan locks and times out per transaction
 * @param idempotencyKeyRetention how long an Idempotency-Key is remembered: a retry later than this places a new
 *                                order, so it must outlast any client's retry window
 */
@Validated
@ConfigurationProperties("orderflow.order")
public record OrderProperties(
        @NotNull @DefaultValue("30s") Duration sagaDeadline,
        @NotNull @DefaultValue("2s") Duration deadlineScanInterval,
        @Min(1) @Max(10_000) @DefaultValue("100") int deadlineScanBatch,
        @NotNull @DefaultValue("24h") Duration idempotencyKeyRetention) {
}
