package dev.orderflow.systemtests.faults;

import dev.orderflow.localstack.launcher.OrderflowService;
import dev.orderflow.localstack.launcher.ServiceProcess;
import dev.orderflow.localstack.launcher.Stack;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;

/**
 * What a scenario's fault script may do while the order stream runs: wait for its point in the stream, break a
 * part of the system, keep it broken for a deliberate pause, heal it, and note how long something took (a
 * failover). What it leaves broken, the runner heals afterwards anyway.
 */
final class FaultContext {

    private final Stack stack;
    private final Shop shop;
    private final OrderStream stream;
    private final Map<String, Duration> timings = new LinkedHashMap<>();

    FaultContext(Stack stack, Shop shop, OrderStream stream) {
        this.stack = stack;
        this.shop = shop;
        this.stream = stream;
    }

    Stack stack() {
        return stack;
    }

    Shop shop() {
        return shop;
    }

    /** Returns once the stream has sent this share of its orders (before {@link OrderStream#TAIL}, which waits). */
    void awaitStreamAt(double share) {
        if (share >= OrderStream.TAIL) {
            throw new IllegalArgumentException("the stream's tail waits for the fault to heal: " + share);
        }
        int target = (int) Math.min(stream.orders(), Math.ceil(stream.orders() * share));
        await("the order stream to reach " + target + " orders").atMost(stream.length().plusMinutes(1))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20)).until(() -> stream.sent() >= target);
    }

    /**
     * Keeps the fault in place for a while. A deliberate wait (the fault's duration), not a wait for a condition,
     * so a sleep is what it should be.
     */
    void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a fault", interrupted);
        }
    }

    /** The instances of a service, first to last. */
    List<ServiceProcess> instances(OrderflowService service) {
        return stack.instances(service);
    }

    /** The one instance of a service whose outbox relay holds the lease, by the instances' own gauges. */
    ServiceProcess relayHolder(OrderflowService service) {
        AtomicReference<ServiceProcess> holder = new AtomicReference<>();
        await("exactly one " + service.module() + " instance to hold the relay lease").atMost(Duration.ofSeconds(30))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100)).until(() -> {
                    List<ServiceProcess> active = stack.instances(service).stream()
                            .filter(ServiceProcess::isAlive).filter(shop::relayActive).toList();
                    holder.set(active.size() == 1 ? active.getFirst() : null);
                    return active.size() == 1;
                });
        return holder.get();
    }

    /** Records how long something took, for the scenario's report line (e.g. a relay failover). */
    synchronized void note(String what, Duration took) {
        timings.put(what, took);
    }

    synchronized Map<String, Duration> timings() {
        return new LinkedHashMap<>(timings);
    }
}
