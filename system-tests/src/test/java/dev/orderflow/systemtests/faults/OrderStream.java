package dev.orderflow.systemtests.faults;

import dev.orderflow.localstack.launcher.OrderflowService;
import dev.orderflow.localstack.launcher.ServiceProcess;
import dev.orderflow.localstack.launcher.Stack;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed-rate (open-loop) stream of one-line orders over a scenario's customers and products, spread over the
 * order-service instances that are alive at each send, as a load balancer would. A POST that is not answered 202
 * counts as refused by its kind; the stream never retries, so it keeps its pace whatever a fault does to answers.
 *
 * <p>The last part of the stream (from {@link #TAIL}) waits until the fault is healed, then goes on at the same
 * rate: whatever a restart takes on a busy machine, some orders always come after the system is whole again.
 */
final class OrderStream {

    /** The share of the stream sent before the fault must be healed; faults happen before it. */
    static final double TAIL = 0.8;

    private static final Duration LONGEST_FAULT = Duration.ofMinutes(8);

    private final Shop shop;
    private final Stack stack;
    private final int orders;
    private final double rate;
    private final List<String> customers;
    private final List<String> skus;
    private final Random random;

    private final AtomicInteger sent = new AtomicInteger();
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> refused = new ConcurrentHashMap<>();

    OrderStream(Shop shop, Stack stack, int orders, double rate, List<String> customers, List<String> skus,
            long seed) {
        this.shop = shop;
        this.stack = stack;
        this.orders = orders;
        this.rate = rate;
        this.customers = List.copyOf(customers);
        this.skus = List.copyOf(skus);
        this.random = new Random(seed);
    }

    /**
     * Sends every order at its time and returns once each has its answer (POSTs are bounded by a timeout).
     *
     * @param healed completes when the fault is over (either way); the tail of the stream waits for it
     */
    void run(CompletableFuture<?> healed) {
        long start = System.nanoTime();
        long interval = (long) (1e9 / rate);
        int tail = (int) Math.ceil(orders * TAIL);
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService posts = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < orders; i++) {
                if (i == tail) {
                    awaitQuietly(healed);
                    start = System.nanoTime() - i * interval;
                }
                // Pacing, not waiting for a condition: an open-loop stream sends on its schedule.
                long due = start + i * interval;
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                String customer = customers.get(i % customers.size());
                String sku = skus.get(random.nextInt(skus.size()));
                int quantity = 1 + random.nextInt(2);
                posts.submit(() -> {
                    Shop.Placed placed = shop.placeOrder(orderInstance(next.getAndIncrement()), customer, sku,
                            quantity);
                    if (placed.accepted()) {
                        accepted.add(placed.orderId());
                    } else {
                        refused.computeIfAbsent(placed.refusal(), any -> new AtomicInteger()).incrementAndGet();
                    }
                });
                sent.incrementAndGet();
            }
        }
    }

    private static void awaitQuietly(CompletableFuture<?> healed) {
        try {
            healed.get(LONGEST_FAULT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException failedOrLate) {
            // The runner reports the fault's failure; the stream just goes on.
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Round robin over the live instances; the first one if none is alive (its POST is then refused). */
    private ServiceProcess orderInstance(int turn) {
        List<ServiceProcess> alive = stack.instances(OrderflowService.ORDER).stream()
                .filter(ServiceProcess::isAlive).toList();
        return alive.isEmpty() ? stack.service(OrderflowService.ORDER) : alive.get(turn % alive.size());
    }

    int orders() {
        return orders;
    }

    int sent() {
        return sent.get();
    }

    /** How long the stream takes at its rate. */
    Duration length() {
        return Duration.ofMillis((long) (orders * 1000 / rate));
    }

    Set<String> accepted() {
        return Set.copyOf(accepted);
    }

    /** Refused POSTs per kind, e.g. {@code {connection refused=12, HTTP 503=3}}. */
    Map<String, Integer> refused() {
        Map<String, Integer> counts = new TreeMap<>();
        refused.forEach((kind, count) -> counts.put(kind, count.get()));
        return counts;
    }

    int refusedCount() {
        return refused.values().stream().mapToInt(AtomicInteger::get).sum();
    }
}
