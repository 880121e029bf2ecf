package dev.orderflow.messaging.it;

import dev.orderflow.messaging.work.BackgroundWorker;
import dev.orderflow.messaging.work.WorkItem;
import dev.orderflow.messaging.work.WorkQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The lease-based background worker on real PostgreSQL: work asked for in a committed transaction is done once,
 * at once; work of a rolled-back one never; an item whose worker died mid-work is taken over when its lease runs
 * out; two instances' workers never do one item twice; a retry comes when it was asked for.
 */
@MessagingIntegrationTest
class BackgroundWorkerIT {

    /** Scans never come in these tests unless a test wants them: a wake-up after commit must do the work. */
    private static final Duration NO_SCAN = Duration.ofHours(1);
    private static final Duration LEASE = Duration.ofSeconds(30);

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    private WorkQueue queue;
    private TransactionTemplate transaction;
    private final List<BackgroundWorker<WorkItem>> workers = new ArrayList<>();

    @BeforeEach
    void emptyQueue() {
        jdbc.update("DELETE FROM test_work_queue");
        queue = new WorkQueue("test_work_queue", jdbc, Clock.systemUTC());
        transaction = new TransactionTemplate(transactionManager);
    }

    @AfterEach
    void stopWorkers() {
        workers.forEach(BackgroundWorker::stop);
    }

    @Test
    void doesWorkAskedForInACommittedTransactionAtOnceAndOnce() {
        Recorder done = new Recorder();
        start(worker(LEASE, NO_SCAN, 4, done.completing()));
        UUID item = UUID.randomUUID();

        transaction.executeWithoutResult(status -> {
            queue.enqueue(item);
            queue.enqueue(item);
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> done.attempts(item) == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> queue.size() == 0);
        assertThat(done.attempts(item)).isEqualTo(1);
    }

    @Test
    void neverDoesWorkAskedForInARolledBackTransaction() {
        Recorder done = new Recorder();
        BackgroundWorker<WorkItem> worker = start(worker(LEASE, NO_SCAN, 4, done.completing()));
        UUID rolledBack = UUID.randomUUID();
        UUID committed = UUID.randomUUID();

        transaction.executeWithoutResult(status -> {
            queue.enqueue(rolledBack);
            status.setRollbackOnly();
        });
        transaction.executeWithoutResult(status -> queue.enqueue(committed));

        await().atMost(Duration.ofSeconds(10)).until(() -> done.attempts(committed) == 1);
        worker.wakeUp();
        assertThat(done.attempts(rolledBack)).isZero();
        assertThat(queue.size()).isZero();
    }

    @Test
    void refusesToEnqueueOutsideATransaction() {
        assertThatThrownBy(() -> queue.enqueue(UUID.randomUUID()))
                .isInstanceOf(IllegalTransactionStateException.class);
        assertThat(queue.size()).isZero();
    }

    @Test
    void anItemWhoseWorkerDiedMidWorkIsTakenOverOnceItsLeaseRunsOut() throws InterruptedException {
        // The first instance claims the item and dies while working on it: it never settles.
        CountDownLatch claimedByTheDying = new CountDownLatch(1);
        List<WorkItem> dyingClaims = new CopyOnWriteArrayList<>();
        BackgroundWorker<WorkItem> dying = start(worker(Duration.ofSeconds(2), NO_SCAN, 1, item -> {
            dyingClaims.add(item);
            claimedByTheDying.countDown();
            throw new IllegalStateException("killed mid-work");
        }));
        UUID item = UUID.randomUUID();
        transaction.executeWithoutResult(status -> queue.enqueue(item));
        assertThat(claimedByTheDying.await(10, TimeUnit.SECONDS)).isTrue();
        dying.stop();

        // A second instance scans: nothing while the lease holds, the item once it ran out.
        Recorder survivor = new Recorder();
        start(worker(LEASE, Duration.ofMillis(100), 1, survivor.completing()));

        await().atMost(Duration.ofSeconds(15)).until(() -> survivor.attempts(item) == 1);
        assertThat(survivor.completedAt(item)).as("taken over only after the dead worker's lease ran out")
                .isAfterOrEqualTo(dyingClaims.getFirst().leaseUntil());
        assertThat(survivor.claims(item)).singleElement().satisfies(claim -> {
            assertThat(claim.attempt()).as("claimed for the second time").isEqualTo(2);
            assertThat(claim.leaseUntil()).isAfter(Instant.now().plusSeconds(20));
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> queue.size() == 0);
    }

    @Test
    void twoInstancesNeverDoOneItemTwice() {
        Recorder done = new Recorder();
        start(worker(LEASE, Duration.ofMillis(50), 8, done.completing()));
        start(worker(LEASE, Duration.ofMillis(50), 8, done.completing()));
        List<UUID> items = IntStream.range(0, 300).mapToObj(i -> UUID.randomUUID()).toList();

        for (int from = 0; from < items.size(); from += 30) {
            List<UUID> batch = items.subList(from, from + 30);
            transaction.executeWithoutResult(status -> batch.forEach(queue::enqueue));
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> queue.size() == 0);
        assertThat(items).allSatisfy(item -> assertThat(done.attempts(item)).as("attempts of %s", item).isEqualTo(1));
    }

    @Test
    void aFailedAttemptIsTriedAgainWhenItsWorkerAsked() {
        Instant retryAt = Instant.now().plusSeconds(1);
        AtomicInteger attempts = new AtomicInteger();
        Recorder done = new Recorder();
        start(worker(LEASE, Duration.ofMillis(100), 1, item -> {
            if (attempts.incrementAndGet() == 1) {
                transaction.executeWithoutResult(status -> queue.retryAt(item.id(), retryAt));
            } else {
                done.completing().accept(item);
            }
        }));
        UUID item = UUID.randomUUID();

        transaction.executeWithoutResult(status -> queue.enqueue(item));

        await().atMost(Duration.ofSeconds(10)).until(() -> done.attempts(item) == 1);
        assertThat(done.claims(item)).singleElement().satisfies(claim -> assertThat(claim.attempt()).isEqualTo(2));
        assertThat(done.completedAt(item)).isAfterOrEqualTo(retryAt);
    }

    private BackgroundWorker<WorkItem> worker(Duration lease, Duration scan, int parallelism,
            Consumer<WorkItem> process) {
        return new BackgroundWorker<>("test-worker", new BackgroundWorker.Work<>() {
            @Override
            public List<WorkItem> claim(int limit) {
                return queue.claim(limit, lease);
            }

            @Override
            public void process(WorkItem item) {
                process.accept(item);
            }
        }, scan, parallelism);
    }

    private BackgroundWorker<WorkItem> start(BackgroundWorker<WorkItem> worker) {
        queue.whenEnqueued(worker::wakeUp);
        worker.start();
        workers.add(worker);
        return worker;
    }

    /** What a worker did: each item's claims, and when it completed them. */
    private final class Recorder {

        private final Map<UUID, List<WorkItem>> claims = new ConcurrentHashMap<>();
        private final Map<UUID, Instant> completed = new ConcurrentHashMap<>();

        Consumer<WorkItem> completing() {
            return item -> {
                claims.computeIfAbsent(item.id(), id -> new CopyOnWriteArrayList<>()).add(item);
                transaction.executeWithoutResult(status -> queue.complete(item.id()));
                completed.put(item.id(), Instant.now());
            };
        }

        int attempts(UUID item) {
            return claims.getOrDefault(item, List.of()).size();
        }

        List<WorkItem> claims(UUID item) {
            return claims.getOrDefault(item, List.of());
        }

        Instant completedAt(UUID item) {
            return completed.get(item);
        }
    }
}
