package dev.orderflow.messaging.work;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Claims work and does it outside any transaction: at once when woken (after the commit of a transaction that
 * asked for work), and on a fixed-delay scan that finds retries that came due, what a wake-up missed, and what a
 * dead instance left behind once its lease ran out.
 *
 * <p>One platform thread claims, so wake-ups and scans never overlap; each claimed item is processed on its own
 * virtual thread, at most {@code parallelism} at once. A crash at any point is safe as long as {@link Work#process}
 * settles an item in the same transaction that records its outcome: before that, the item is claimed again once
 * its lease runs out; after it, there is nothing left to claim.
 *
 * @param <T> a claimed item as its processing needs it (e.g. the payment to charge)
 */
public final class BackgroundWorker<T> implements SmartLifecycle {

    /** The work of one kind: how to claim it and how to do one item of it. */
    public interface Work<T> {

        /** Claims up to {@code limit} items (e.g. through {@link WorkQueue#claim}), in one short transaction. */
        List<T> claim(int limit);

        /**
         * Does one claimed item and settles it. A throw leaves it to be claimed again when its lease runs out, so
         * anything done before the throw must be safe to do again (an idempotency key at the outside party).
         */
        void process(T item);

        /** After each periodic scan (not after wake-ups): a place for slow bookkeeping such as a backlog gauge. */
        default void scanned() {
        }
    }

    private static final Logger log = LoggerFactory.getLogger(BackgroundWorker.class);

    private final String name;
    private final Work<T> work;
    private final Duration scanInterval;
    private final int parallelism;
    private final Semaphore slots;
    private final AtomicBoolean wakeUpQueued = new AtomicBoolean();
    private final AtomicBoolean backlog = new AtomicBoolean();
    private volatile ScheduledExecutorService claimer;
    private volatile ExecutorService processing;

    public BackgroundWorker(String name, Work<T> work, Duration scanInterval, int parallelism) {
        this.name = Objects.requireNonNull(name, "name");
        this.work = Objects.requireNonNull(work, "work");
        this.scanInterval = Objects.requireNonNull(scanInterval, "scanInterval");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
        }
        this.parallelism = parallelism;
        this.slots = new Semaphore(parallelism);
    }

    /** Claims what is due now, without waiting for the next scan; wake-ups while one is queued coalesce. */
    public void wakeUp() {
        ScheduledExecutorService current = claimer;
        if (current != null && wakeUpQueued.compareAndSet(false, true)) {
            try {
                current.execute(() -> {
                    wakeUpQueued.set(false);
                    claimAndProcess();
                });
            } catch (RejectedExecutionException stopping) {
                wakeUpQueued.set(false);
            }
        }
    }

    /** Items this instance is processing right now. */
    public int inFlight() {
        return parallelism - slots.availablePermits();
    }

    private void scan() {
        claimAndProcess();
        try {
            work.scanned();
        } catch (RuntimeException e) {
            log.debug("{}: bookkeeping after the scan failed: {}", name, e.toString());
        }
    }

    private void claimAndProcess() {
        try {
            int free = slots.availablePermits();
            while (free > 0 && isRunning()) {
                List<T> claimed = work.claim(free);
                claimed.forEach(this::processAside);
                if (claimed.size() < free) {
                    backlog.set(false);
                    return;
                }
                free = slots.availablePermits();
            }
            // Every slot is busy and more may be due: the next item to finish wakes the claimer.
            backlog.set(true);
        } catch (RuntimeException e) {
            // Never let the claimer die: the database may be briefly away; the next scan tries again.
            log.warn("{}: claiming work failed, retrying on the next scan: {}", name, e.toString());
        }
    }

    private void processAside(T item) {
        ExecutorService current = processing;
        slots.acquireUninterruptibly();
        try {
            current.execute(() -> {
                try {
                    work.process(item);
                } catch (RuntimeException e) {
                    log.warn("{}: {} stays claimed until its lease runs out: {}", name, item, e.toString());
                } finally {
                    slots.release();
                    if (backlog.get()) {
                        wakeUp();
                    }
                }
            });
        } catch (RejectedExecutionException stopping) {
            // Its lease runs out and another worker (or this one, restarted) takes it over.
            slots.release();
        }
    }

    @Override
    public void start() {
        processing = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(name + "-", 0).factory());
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name(name + "-claimer").daemon().factory());
        // Running before the first scan: a scan that ran first would find the worker not running and claim nothing.
        claimer = started;
        started.scheduleWithFixedDelay(this::scan, 0, scanInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService stoppingClaimer = claimer;
        claimer = null;
        awaitQuietly(stoppingClaimer);
        // Items in flight finish and settle; one cut short stays claimed and is taken over later.
        awaitQuietly(processing);
        processing = null;
    }

    @Override
    public boolean isRunning() {
        return claimer != null;
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
}
