package dev.orderflow.payment.cashier;

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
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Charges pending payments at the gateway, outside any transaction, and settles each with its reply: right after a
 * payment is held (or closed), and on a fixed-delay scan that finds what a wake-up missed and what a dead instance
 * left behind once its lease ran out.
 *
 * <p>One platform thread claims (so wake-ups and scans never overlap); each claimed payment is charged on its own
 * virtual thread, at most {@code parallel-charges} at once. A crash at any point is safe: before the charge, the
 * payment is simply claimed again; after it, the charge is asked for again under the same idempotency key
 * ({@code charge-<orderId>}) and the gateway answers the charge it already made.
 */
@Component
@ConditionalOnBooleanProperty(name = "orderflow.payment.charging.enabled", matchIfMissing = true)
public class ChargeWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChargeWorker.class);

    private final PendingCharges queue;
    private final PaymentGatewayClient gateway;
    private final Clock clock;
    private final Duration pollInterval;
    private final int parallelCharges;
    private final Semaphore slots;
    private final AtomicBoolean wakeUpQueued = new AtomicBoolean();
    private final AtomicBoolean backlog = new AtomicBoolean();
    private final AtomicLong pending = new AtomicLong();
    private final MeterRegistry registry;
    private final Timer pendingFor;
    private volatile ScheduledExecutorService claimer;
    private volatile ExecutorService charges;

    ChargeWorker(PendingCharges queue, PaymentGatewayClient gateway, Clock clock, PaymentProperties properties,
            MeterRegistry registry) {
        this.queue = queue;
        this.gateway = gateway;
        this.clock = clock;
        this.pollInterval = properties.charging().pollInterval();
        this.parallelCharges = properties.charging().parallelCharges();
        this.slots = new Semaphore(parallelCharges);
        this.registry = registry;
        this.pendingFor = Timer.builder("orderflow.payment.pending.time")
                .description("From the hold of a payment to its settlement by a charge worker")
                .register(registry);
        Gauge.builder("orderflow.payment.pending", pending, AtomicLong::get)
                .description("Payments held and waiting for the gateway, as of the charge worker's last scan")
                .register(registry);
        Gauge.builder("orderflow.payment.charges.in.flight", slots, free -> parallelCharges - free.availablePermits())
                .description("Gateway charges this instance is making right now")
                .register(registry);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(PaymentPending pending) {
        wakeUp();
    }

    /** Claims what is pending now, without waiting for the next scan; wake-ups while one is queued coalesce. */
    public void wakeUp() {
        ScheduledExecutorService current = claimer;
        if (current != null && wakeUpQueued.compareAndSet(false, true)) {
            try {
                current.execute(() -> {
                    wakeUpQueued.set(false);
                    claimAndCharge();
                });
            } catch (RejectedExecutionException stopping) {
                wakeUpQueued.set(false);
            }
        }
    }

    private void scan() {
        claimAndCharge();
        try {
            pending.set(queue.pendingCount());
        } catch (RuntimeException e) {
            log.debug("Pending payments could not be counted: {}", e.toString());
        }
    }

    private void claimAndCharge() {
        try {
            int free = slots.availablePermits();
            while (free > 0 && isRunning()) {
                List<ClaimedCharge> claimed = queue.claim(free);
                claimed.forEach(this::chargeAside);
                if (claimed.size() < free) {
                    backlog.set(false);
                    return;
                }
                free = slots.availablePermits();
            }
            // Every slot is busy and more may be waiting: the next charge to finish wakes the claimer.
            backlog.set(true);
        } catch (RuntimeException e) {
            // Never let the claimer die: the database may be briefly away; the next scan tries again.
            log.warn("Claiming pending payments failed, retrying on the next scan: {}", e.toString());
        }
    }

    private void chargeAside(ClaimedCharge claimed) {
        ExecutorService current = charges;
        slots.acquireUninterruptibly();
        try {
            current.execute(() -> {
                try {
                    process(claimed);
                } finally {
                    slots.release();
                    if (backlog.get()) {
                        wakeUp();
                    }
                }
            });
        } catch (RejectedExecutionException stopping) {
            // Its claim runs out and another worker (or this one, restarted) takes the payment over.
            slots.release();
        }
    }

    /**
     * Runs one claimed payment to its end: the charge at the gateway, then its settlement; or, for an order closed
     * meanwhile, the refund of whatever was charged. A failure leaves the payment pending, so that it is taken over
     * once the claim runs out: a refund the gateway could not make is tried again that way.
     */
    public void process(ClaimedCharge claimed) {
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
        charges = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("payment-charge-", 0).factory());
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("payment-charge-claimer").daemon().factory());
        // Running before the first scan: a scan that ran first would find the worker not running and claim nothing.
        claimer = started;
        started.scheduleWithFixedDelay(this::scan, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService stoppingClaimer = claimer;
        claimer = null;
        ExecutorService stoppingCharges = charges;
        awaitQuietly(stoppingClaimer);
        // Charges in flight finish and settle; a charge cut short stays claimed and is taken over later.
        awaitQuietly(stoppingCharges);
        charges = null;
    }

    private static void awaitQuietly(ExecutorService executor) {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return claimer != null;
    }
}
