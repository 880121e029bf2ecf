package dev.orderflow.payment.cashier;

import dev.orderflow.messaging.tracing.HandlingObservations;
import dev.orderflow.messaging.work.BackgroundWorker;
import dev.orderflow.messaging.work.WorkQueue;
import dev.orderflow.payment.config.PaymentProperties;
import dev.orderflow.payment.psp.ChargeOutcome;
import dev.orderflow.payment.psp.PaymentGatewayClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Charges pending payments at the gateway, outside any transaction, and settles each with its reply: right after a
 * payment is held (or closed), and on a fixed-delay scan that finds what a wake-up missed and what a dead instance
 * left behind once its lease ran out. The claiming, waking, scanning and bounding are messaging's
 * {@link BackgroundWorker} over the {@code charge_queue}; this class is what one charge is.
 *
 * <p>A crash at any point is safe: before the charge, the payment is simply claimed again; after it, the charge is
 * asked for again under the same idempotency key ({@code charge-<orderId>}) and the gateway answers the charge it
 * already made.
 */
@Component
@ConditionalOnBooleanProperty(name = "orderflow.payment.charging.enabled", matchIfMissing = true)
public class ChargeWorker implements SmartLifecycle, BackgroundWorker.Work<ClaimedCharge> {

    private static final Logger log = LoggerFactory.getLogger(ChargeWorker.class);

    private final PendingCharges queue;
    private final PaymentGatewayClient gateway;
    private final Clock clock;
    private final BackgroundWorker<ClaimedCharge> workers;
    private final MeterRegistry registry;
    private final Timer pendingFor;
    private final AtomicLong pending = new AtomicLong();
    private final HandlingObservations observations;

    ChargeWorker(PendingCharges queue, WorkQueue chargeQueue, PaymentGatewayClient gateway, Clock clock,
            PaymentProperties properties, MeterRegistry registry, HandlingObservations observations) {
        this.queue = queue;
        this.observations = observations;
        this.gateway = gateway;
        this.clock = clock;
        this.workers = new BackgroundWorker<>("payment-charge", this, properties.charging().pollInterval(),
                properties.charging().parallelCharges());
        chargeQueue.whenEnqueued(workers::wakeUp);
        this.registry = registry;
        this.pendingFor = Timer.builder("orderflow.payment.pending.time")
                .description("From the hold of a payment to its settlement by a charge worker")
                .register(registry);
        Gauge.builder("orderflow.payment.pending", pending, AtomicLong::get)
                .description("Payments held and waiting for the gateway, as of the charge worker's last scan")
                .register(registry);
        Gauge.builder("orderflow.payment.charges.in.flight", workers, BackgroundWorker::inFlight)
                .description("Gateway charges this instance is making right now")
                .register(registry);
    }

    /** Claims what is pending now, without waiting for the next scan. */
    public void wakeUp() {
        workers.wakeUp();
    }

    @Override
    public List<ClaimedCharge> claim(int limit) {
        return queue.claim(limit);
    }

    @Override
    public void scanned() {
        pending.set(queue.pendingCount());
    }

    /**
     * Runs one claimed payment to its end: the charge at the gateway, then its settlement; or, for an order closed
     * meanwhile, the refund of whatever was charged. A failure leaves the payment pending, so that it is taken over
     * once the claim runs out: a refund the gateway could not make is tried again that way.
     */
    @Override
    public void process(ClaimedCharge claimed) {
        observations.observeWork("payment charge", claimed.commandTraceparent(), claimed.orderId().toString(),
                () -> settle(claimed));
    }

    private void settle(ClaimedCharge claimed) {
        try {
            if (claimed.chargeId() != null) {
                refundChargeOfClosedOrder(claimed, claimed.chargeId());
            } else if (claimed.closeRequested()) {
                closeWithoutCharging(claimed);
            } else if (clock.instant().isBefore(claimed.leaseUntil())) {
                ChargeOutcome outcome = charge(claimed);
                queue.settle(claimed, outcome).ifPresent(chargeId -> refundChargeOfClosedOrder(claimed, chargeId));
                pendingFor.record(Duration.between(claimed.createdAt(), clock.instant()));
            }
        } catch (RuntimeException e) {
            log.warn("Payment {} of order {} stays pending until its claim runs out ({}): {}", claimed.paymentId(),
                    claimed.orderId(), claimed.leaseUntil(), e.toString());
        }
    }

    private ChargeOutcome charge(ClaimedCharge claimed) {
        long start = System.nanoTime();
        ChargeOutcome outcome = gateway.charge(claimed.orderId(), claimed.customerId(), claimed.amount());
        Timer.builder("orderflow.payment.charge")
                .description("Gateway charges, retries included, by outcome")
                .tag("outcome", switch (outcome) {
                    case ChargeOutcome.Charged charged -> "charged";
                    case ChargeOutcome.Declined declined -> "declined";
                    case ChargeOutcome.Unavailable unavailable -> "unavailable";
                })
                .register(registry).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        return outcome;
    }

    /**
     * The order was closed before this worker charged. A payment taken over from a worker that died may have been
     * charged by it all the same, so the gateway is asked first; a charge it is still making then is left to
     * reconciliation.
     */
    private void closeWithoutCharging(ClaimedCharge claimed) {
        if (claimed.attempt() > 1) {
            Optional<String> charged = gateway.successfulChargesFor(claimed.orderId()).stream()
                    .map(PaymentGatewayClient.SuccessfulCharge::chargeId).findFirst();
            if (charged.isPresent()) {
                refundChargeOfClosedOrder(claimed, charged.get());
                return;
            }
        }
        queue.closeUncharged(claimed);
    }

    private void refundChargeOfClosedOrder(ClaimedCharge claimed, String chargeId) {
        String refundId = gateway.refund(claimed.orderId(), chargeId, claimed.amount());
        queue.refundedAfterClose(claimed, chargeId, refundId);
    }

    @Override
    public void start() {
        workers.start();
    }

    @Override
    public void stop() {
        workers.stop();
    }

    @Override
    public boolean isRunning() {
        return workers.isRunning();
    }
}
