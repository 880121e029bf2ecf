package dev.orderflow.messaging.it;

import dev.orderflow.messaging.work.WorkItem;
import dev.orderflow.messaging.work.WorkQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The queue's claim on real PostgreSQL: what one claim holds, another skips; only due items; leases; retries. */
@MessagingIntegrationTest
class WorkQueueIT {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    private TransactionTemplate transaction;
    private WorkQueue queue;

    @BeforeEach
    void emptyQueue() {
        jdbc.update("DELETE FROM test_work_queue");
        transaction = new TransactionTemplate(transactionManager);
        queue = queueAt(NOW);
    }

    @Test
    void itemsOneClaimHoldsAreSkippedByAnotherUntilItCommitsAndThenLeased() throws Exception {
        List<UUID> items = IntStream.range(0, 3).mapToObj(i -> UUID.randomUUID()).toList();
        transaction.executeWithoutResult(status -> items.forEach(queue::enqueue));
        CompletableFuture<List<UUID>> claimedByFirst = new CompletableFuture<>();
        CountDownLatch firstMayCommit = new CountDownLatch(1);

        try (var firstWorker = Executors.newSingleThreadExecutor()) {
            var first = firstWorker.submit(() -> transaction.executeWithoutResult(status -> {
                claimedByFirst.complete(ids(queue.claim(100, LEASE)));
                awaitQuietly(firstMayCommit);
            }));
            assertThat(claimedByFirst.get(10, TimeUnit.SECONDS)).containsExactlyInAnyOrderElementsOf(items);

            List<WorkItem> claimedBySecond = transaction.execute(status -> queue.claim(100, LEASE));
            assertThat(claimedBySecond).as("skipped while held").isEmpty();

            firstMayCommit.countDown();
            first.get(10, TimeUnit.SECONDS);
        }
        assertThat(queue.claim(100, LEASE)).as("leased once the first claim committed").isEmpty();
        assertThat(queueAt(NOW.plus(LEASE)).claim(100, LEASE)).as("free again when the lease ran out")
                .extracting(WorkItem::id).containsExactlyInAnyOrderElementsOf(items);
    }

    @Test
    void onlyDueItemsAreClaimedOldestFirst() {
        UUID later = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        transaction.executeWithoutResult(status -> queueAt(NOW.minusSeconds(2)).enqueue(first));
        transaction.executeWithoutResult(status -> queueAt(NOW.minusSeconds(1)).enqueue(second));
        transaction.executeWithoutResult(status -> queueAt(NOW).enqueue(later));
        transaction.executeWithoutResult(status -> queue.retryAt(later, NOW.plusSeconds(60)));

        List<WorkItem> claimed = queue.claim(100, LEASE);

        assertThat(claimed).extracting(WorkItem::id).containsExactly(first, second);
        assertThat(claimed).allSatisfy(item -> {
            assertThat(item.attempt()).isOne();
            assertThat(item.leaseUntil()).isEqualTo(NOW.plus(LEASE));
        });
        assertThat(claimed.getFirst().enqueuedAt()).isEqualTo(NOW.minusSeconds(2));
        assertThat(queue.size()).isEqualTo(3);
    }

    @Test
    void aCompletedItemIsGoneAndAnotherClaimCountsAsASecondAttempt() {
        UUID done = UUID.randomUUID();
        UUID retried = UUID.randomUUID();
        transaction.executeWithoutResult(status -> List.of(done, retried).forEach(queue::enqueue));
        queue.claim(100, LEASE);

        transaction.executeWithoutResult(status -> {
            queue.complete(done);
            queue.retryAt(retried, NOW.plusSeconds(5));
        });

        assertThat(queueAt(NOW.plusSeconds(5)).claim(100, LEASE)).singleElement().satisfies(item -> {
            assertThat(item.id()).isEqualTo(retried);
            assertThat(item.attempt()).isEqualTo(2);
        });
        assertThat(queue.size()).isOne();
    }

    @Test
    void anItemWhoseSubjectNeedsNoMoreWorkLeavesTheQueueWhenClaimed() {
        UUID open = UUID.randomUUID();
        UUID settled = UUID.randomUUID();
        transaction.executeWithoutResult(status -> List.of(open, settled).forEach(queue::enqueue));

        List<String> work = transaction.execute(status -> queue.claim(100, LEASE,
                ids -> ids.stream().filter(open::equals).collect(Collectors.toMap(id -> id, id -> "subject " + id)),
                (subject, item) -> subject + " attempt " + item.attempt()));

        assertThat(work).containsExactly("subject " + open + " attempt 1");
        assertThat(queue.size()).as("the settled item is gone, the open one stays leased").isOne();
    }

    private WorkQueue queueAt(Instant now) {
        return new WorkQueue("test_work_queue", jdbc, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static List<UUID> ids(List<WorkItem> items) {
        return items.stream().map(WorkItem::id).toList();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
