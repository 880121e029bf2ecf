package dev.orderflow.systemtests.load;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * One step of the benchmark: orders placed at a fixed rate for a fixed time, open loop, then waited for until each
 * has its terminal event (or the drain time is up).
 *
 * <p>Open loop against coordinated omission: a single scheduler thread sends order {@code i} at
 * {@code start + i / rate} with a non-blocking client, whatever the earlier requests are doing, and every latency
 * runs from that intended time, so a stall of the system (or of the scheduler) shows in the figures instead of
 * quietly lowering the offered rate.
 */
final class OpenLoopStep {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * What one step measured. Rates are per second, from the step's first intended send: {@code sentRate} until the
     * last send, {@code acceptedRate} (202) until the last answer, {@code finishedRate} (terminal events) until the
     * last terminal event, so a step whose orders end long after it stops sending shows it. {@code outputRate} is
     * the throughput the step achieved: terminal events per second in a window as long as the sending, shifted by
     * the median POST -> terminal latency. A system that keeps up turns out, in any such window, as many orders as
     * were sent in one, however long its orders take and however much their latencies vary; one that falls behind
     * turns out fewer. Unlike {@code finishedRate}, it does not count the pipeline's filling (one latency) against
     * the step, so it does not depend on the step's length.
     */
    record Result(int offeredRate, Duration length, int sent, double sentRate, int accepted, double acceptedRate,
            int finished, double finishedRate, double outputRate, Latencies post, Latencies postToTerminal,
            Map<String, Integer> outcomes, Map<String, Integer> postFailures, List<String> acceptedOrderIds) {

        int unfinished() {
            return accepted - finished;
        }

        /** Orders that ended CONFIRMED per second, over the same time as {@link #finishedRate()}: the goodput. */
        double confirmedRate() {
            return finished == 0 ? 0 : finishedRate * outcomes.getOrDefault("CONFIRMED", 0) / finished;
        }
    }

    private final HttpClient http;
    private final URI ordersUrl;
    private final List<String> customers;
    private final List<String> skus;
    private final TerminalEvents events;
    private final Duration drainTimeout;
    private final Function<String, String> credentials;

    /** @param credentials the {@code Authorization} a customer's order is placed with */
    OpenLoopStep(HttpClient http, URI orderService, List<String> customers, List<String> skus, TerminalEvents events,
            Duration drainTimeout, Function<String, String> credentials) {
        this.http = http;
        this.credentials = credentials;
        this.ordersUrl = orderService.resolve("/api/orders");
        this.customers = List.copyOf(customers);
        this.skus = List.copyOf(skus);
        this.events = events;
        this.drainTimeout = drainTimeout;
    }

    Result run(int rate, Duration length) throws InterruptedException {
        int count = Math.toIntExact(rate * length.toSeconds());
        Latencies post = new Latencies();
        Map<String, Long> intendedByOrderId = new ConcurrentHashMap<>();
        Map<String, Integer> postFailures = new ConcurrentHashMap<>();
        List<CompletableFuture<?>> inFlight = new ArrayList<>(count);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        for (int i = 0; i < count; i++) {
            long intended = start + i * 1_000_000_000L / rate;
            Baselines.parkUntil(intended);
            inFlight.add(http.sendAsync(request(i), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, failure) -> {
                        post.recordNanos(System.nanoTime() - intended);
                        if (failure != null) {
                            postFailures.merge(rootCause(failure).getClass().getSimpleName(), 1, Integer::sum);
                        } else if (response.statusCode() != 202) {
                            postFailures.merge("HTTP " + response.statusCode(), 1, Integer::sum);
                        } else {
                            intendedByOrderId.put(JSON.readTree(response.body()).path("id").asString(), intended);
                        }
                    }));
        }
        double sentSeconds = (System.nanoTime() - start) / 1e9;
        try {
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).exceptionally(failed -> null)
                    .get(2, TimeUnit.MINUTES);
        } catch (TimeoutException | java.util.concurrent.ExecutionException stuck) {
            postFailures.merge("no answer within 2 minutes", (int) inFlight.stream().filter(f -> !f.isDone()).count(),
                    Integer::sum);
        }
        long lastAnswer = System.nanoTime();
        awaitTerminal(intendedByOrderId.keySet());

        Latencies postToTerminal = new Latencies();
        Map<String, Integer> outcomes = new TreeMap<>();
        long lastTerminal = start;
        List<Long> seen = new ArrayList<>();
        for (Map.Entry<String, Long> order : intendedByOrderId.entrySet()) {
            Optional<TerminalEvents.Terminal> terminal = events.of(order.getKey());
            if (terminal.isPresent()) {
                postToTerminal.recordNanos(terminal.get().seenNanos() - order.getValue());
                outcomes.merge(terminal.get().outcome(), 1, Integer::sum);
                lastTerminal = Math.max(lastTerminal, terminal.get().seenNanos());
                seen.add(terminal.get().seenNanos());
            }
        }
        int accepted = intendedByOrderId.size();
        int finished = (int) postToTerminal.count();
        return new Result(rate, length, count, count / Math.max(sentSeconds, 1e-9), accepted,
                accepted / ((lastAnswer - start) / 1e9), finished,
                finished == 0 ? 0 : finished / ((lastTerminal - start) / 1e9),
                outputRate(seen, start, count * 1_000_000_000L / rate, postToTerminal), post, postToTerminal,
                outcomes, new TreeMap<>(postFailures), List.copyOf(intendedByOrderId.keySet()));
    }

    /** Terminal events per second within the sending time shifted by the median latency (see {@link Result}). */
    static double outputRate(List<Long> seenNanos, long start, long sendingNanos, Latencies postToTerminal) {
        if (seenNanos.isEmpty() || sendingNanos <= 0) {
            return 0;
        }
        long from = start + Math.round(postToTerminal.millis(50) * 1_000_000);
        long inWindow = seenNanos.stream().filter(seen -> seen - from >= 0 && seen - from < sendingNanos).count();
        return inWindow / (sendingNanos / 1e9);
    }

    private HttpRequest request(int i) {
        String customer = customers.get(i % customers.size());
        ObjectNode body = JSON.createObjectNode().put("customerId", customer);
        // Changes SKU once per round of customers, so that each customer orders every product over a step.
        body.putArray("items").addObject().put("sku", skus.get((i / customers.size()) % skus.size()))
                .put("quantity", 1);
        return HttpRequest.newBuilder(ordersUrl)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, application/problem+json")
                .header("Authorization", credentials.apply(customer))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .build();
    }

    /** Waits (bounded) until every accepted order's terminal event was seen. */
    private void awaitTerminal(Iterable<String> orderIds) throws InterruptedException {
        long giveUp = System.nanoTime() + drainTimeout.toNanos();
        for (String orderId : orderIds) {
            while (events.of(orderId).isEmpty() && System.nanoTime() < giveUp) {
                Thread.sleep(50);
            }
        }
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
