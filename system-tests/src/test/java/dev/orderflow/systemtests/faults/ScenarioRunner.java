package dev.orderflow.systemtests.faults;

import dev.orderflow.localstack.launcher.OrderflowService;
import dev.orderflow.localstack.launcher.ServiceProcess;
import dev.orderflow.localstack.launcher.Stack;
import dev.orderflow.systemtests.Invariants;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs scenarios one after the other on one shared stack: gives each fresh products and customers, streams its
 * orders while its fault script runs, heals whatever the fault left broken, waits until the system is quiet, then
 * checks I1-I6 on every service's own data for every order those customers have, and reports one line.
 *
 * <p>Quiet means: no order of the scenario's customers PENDING, every outbox published, every consumer group
 * caught up, every notification of those customers sent. Each check that fails names its order or SKU.
 */
final class ScenarioRunner implements AutoCloseable {

    private static final int PRODUCTS = 3;
    private static final String PRICE = "2.00";
    private static final String CREDIT_LIMIT = "1000000.00";
    /** Payment's fraud rule allows 30 payments per customer and minute: keep each customer well under it. */
    private static final int ORDERS_PER_CUSTOMER_AND_MINUTE = 15;
    /** Longer than payment's reconciliation (a 30 s grace, every 10 s), which refunds charges completed late. */
    private static final Duration SETTLING = Duration.ofSeconds(75);

    private final Stack stack;
    private final Shop shop;
    private final Invariants invariants;
    private final Backlogs backlogs;
    private final int orders;
    private final double rate;
    private final Path reportFile;
    private final List<ScenarioReport> reports = Collections.synchronizedList(new ArrayList<>());

    ScenarioRunner(Stack stack, int orders, double rate, Path reportFile) {
        this.stack = stack;
        this.shop = new Shop(stack);
        this.invariants = Invariants.of(stack);
        this.backlogs = new Backlogs(stack);
        this.orders = orders;
        this.rate = rate;
        this.reportFile = reportFile;
    }

    /** Runs the scenario and fails, naming what broke, if any invariant does not hold. */
    ScenarioReport check(Scenario scenario) {
        ScenarioReport report = run(scenario);
        assertThat(report.violations()).as("invariants broken by '%s' (%s)", scenario.name(), report.line())
                .isEmpty();
        // A fault may refuse an order (503, a refused connection, a timeout), never answer it with a server error.
        assertThat(report.refused().keySet()).as("POSTs refused during '%s'", scenario.name())
                .noneMatch(kind -> kind.startsWith("HTTP 5") && !kind.equals("HTTP 503"));
        return report;
    }

    ScenarioReport run(Scenario scenario) {
        runInstances(scenario.instances());
        String tag = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        List<String> skus = IntStream.rangeClosed(1, PRODUCTS).mapToObj(i -> "F-" + tag + "-" + i).toList();
        // Every order takes at most 2 units of one product: enough stock that stock never runs short.
        skus.forEach(sku -> shop.createProduct(sku, PRICE, 2 * orders));
        int customerCount = (int) Math.max(4, Math.ceil(rate * 60 / ORDERS_PER_CUSTOMER_AND_MINUTE));
        List<String> customers = IntStream.rangeClosed(1, customerCount)
                .mapToObj(i -> "f-%s-%02d".formatted(tag.toLowerCase(), i)).toList();
        customers.forEach(customer -> shop.openAccount(customer, CREDIT_LIMIT));

        OrderStream stream = new OrderStream(shop, stack, orders, rate, customers, skus, tag.hashCode());
        FaultContext faults = new FaultContext(stack, shop, stream);
        long started = System.nanoTime();
        CompletableFuture<Void> fault = CompletableFuture.runAsync(() -> {
            try {
                scenario.inject(faults);
            } catch (Exception failed) {
                throw new IllegalStateException("the fault of '" + scenario.name() + "' failed", failed);
            }
        }, command -> Thread.ofPlatform().name("fault").daemon().start(command));
        try {
            stream.run(fault);
            fault.get(stream.length().plusMinutes(5).toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException failed) {
            throw new IllegalStateException("the fault script failed", failed.getCause());
        } catch (TimeoutException late) {
            throw new IllegalStateException("the fault script did not end in time", late);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", interrupted);
        } finally {
            heal();
        }
        Duration faultAndStream = Duration.ofNanos(System.nanoTime() - started);
        long healed = System.nanoTime();
        List<String> violations = Collections.synchronizedList(new ArrayList<>());
        try {
            awaitQuiet(customers);
        } catch (ConditionTimeoutException stuck) {
            // The checks below name what is stuck; this says that it is.
            violations.add("I1/I6 not quiet: " + stuck.getMessage());
        }
        Duration toQuiet = Duration.ofNanos(System.nanoTime() - healed);

        List<JsonNode> stored = customers.stream().flatMap(customer -> shop.ordersOf(customer).stream()).toList();
        Set<String> accepted = stream.accepted();
        Set<String> storedIds = stored.stream().map(order -> order.path("id").asString()).collect(Collectors.toSet());
        accepted.stream().filter(id -> !storedIds.contains(id)).sorted().forEach(id ->
                violations.add("I6 order %s was accepted (202) but order-service does not have it".formatted(id)));
        Map<String, Duration> timings = faults.timings();
        violations.addAll(check(stored, skus, timings));
        Set<String> answerLost = new HashSet<>(storedIds);
        answerLost.removeAll(accepted);
        Map<String, Long> outcomes = stored.stream().collect(Collectors.groupingBy(
                order -> order.path("status").asString() + failure(order), TreeMap::new, Collectors.counting()));

        ScenarioReport report = new ScenarioReport(scenario.name(), stream.sent(), accepted.size(),
                stream.refused(), answerLost.size(), outcomes, faultAndStream, toQuiet, timings,
                stored.size(), skus.size(), List.copyOf(violations));
        record(report);
        return report;
    }

    private static String failure(JsonNode order) {
        String reason = order.path("failureReason").asString("");
        return reason.isEmpty() || "null".equals(reason) ? "" : "/" + reason;
    }

    /** One invariant check of one order or SKU; {@code name} says which, e.g. "I3 order 42". */
    private record Check(String name, Runnable check) {

        /** The violation, or null if it holds. */
        String violation() {
            try {
                check.run();
                return null;
            } catch (AssertionError | RuntimeException broken) {
                String message = String.valueOf(broken.getMessage()).strip().replaceAll("\\s+", " ");
                return name + ": " + (message.length() > 600 ? message.substring(0, 600) + "..." : message);
            }
        }
    }

    /**
     * I1-I6 on each order and SKU, collecting every violation rather than stopping at the first. Some effects are
     * settled after quiet on purpose (payment refunds a charge the gateway completed after a timeout once its
     * reconciliation grace has passed), so a failing check is asked again until it holds or {@link #SETTLING}
     * has passed; what still fails then is a violation.
     */
    private List<String> check(List<JsonNode> stored, List<String> skus, Map<String, Duration> settled) {
        List<Check> checks = new ArrayList<>();
        for (JsonNode order : stored) {
            String orderId = order.path("id").asString();
            String status = order.path("status").asString();
            if (!Invariants.TERMINAL.contains(status)) {
                checks.add(new Check("I1 order " + orderId, () -> {
                    throw new AssertionError("still " + status);
                }));
                continue;
            }
            checks.add(new Check("I3 order " + orderId, () -> invariants.paymentsSettled(order)));
            checks.add(new Check("I4 order " + orderId + " payments", () -> invariants.paidOnce(order)));
            checks.add(new Check("I4 order " + orderId + " notifications", () -> invariants.notifiedOnce(order)));
            checks.add(new Check("I5 order " + orderId, () -> invariants.eventsInSequence(orderId)));
        }
        for (String sku : skus) {
            checks.add(new Check("I2 SKU " + sku, () -> invariants.stockBalances(sku)));
            checks.add(new Check("I6 SKU " + sku, () -> invariants.ledgerSettled(sku, stored)));
        }
        long started = System.nanoTime();
        AtomicReference<Map<Check, String>> failing = new AtomicReference<>(runAll(checks));
        if (!failing.get().isEmpty()) {
            try {
                await("late effects to settle").atMost(SETTLING).pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofSeconds(2)).until(() -> {
                    failing.set(runAll(failing.get().keySet()));
                    return failing.get().isEmpty();
                });
                settled.put("late effects settled", Duration.ofNanos(System.nanoTime() - started));
            } catch (ConditionTimeoutException stillBroken) {
                // What still fails is reported below, each naming its order or SKU.
            }
        }
        return failing.get().values().stream().sorted().toList();
    }

    private static Map<Check, String> runAll(Collection<Check> checks) {
        Map<Check, String> failing = new ConcurrentHashMap<>();
        try (ExecutorService checkers = Executors.newFixedThreadPool(4)) {
            for (Check check : checks) {
                checkers.submit(() -> {
                    String violation = check.violation();
                    if (violation != null) {
                        failing.put(check, violation);
                    }
                });
            }
        }
        return failing;
    }

    /** Every accepted order terminal, every outbox published, every consumer caught up, every customer told. */
    private void awaitQuiet(List<String> customers) {
        Duration patience = Duration.ofMinutes(3).plusSeconds(orders / 10);
        await("the system to go quiet").atMost(patience).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .untilAsserted(() -> {
                    for (String customer : customers) {
                        assertThat(shop.countOrders(customer, "PENDING")).as("PENDING orders of %s", customer)
                                .isZero();
                    }
                    assertThat(backlogs.unpublished()).as("unpublished outbox rows").allSatisfy(
                            (service, rows) -> assertThat(rows).as("of %s", service).isZero());
                    assertThat(backlogs.consumerLag()).as("consumer lag").allSatisfy(
                            (service, lag) -> assertThat(lag).as("of %s", service).isZero());
                    for (String customer : customers) {
                        long terminal = shop.ordersOf(customer).size();
                        List<JsonNode> notifications = shop.notificationsOf(customer);
                        assertThat(notifications).as("notifications of %s", customer)
                                .hasSizeGreaterThanOrEqualTo((int) terminal)
                                .allSatisfy(notification -> assertThat(notification.path("status").asString())
                                        .as("notification %s", notification).isNotEqualTo("PENDING"));
                    }
                });
    }

    /** Runs this many instances of every service, starting the missing ones side by side. */
    private void runInstances(int count) {
        List<ServiceProcess> starting = new ArrayList<>();
        for (OrderflowService service : Backlogs.SERVICES) {
            while (stack.instances(service).size() < count) {
                starting.add(stack.addInstance(service).start());
            }
        }
        starting.forEach(ServiceProcess::awaitReady);
    }

    /**
     * Undoes whatever a fault left: outside parties behaving, PostgreSQL and Kafka up, every instance of the stack
     * alive and ready (an instance a scenario removed on purpose is no longer one of them).
     */
    private void heal() {
        if (!stack.isPostgresRunning()) {
            stack.startPostgres();
        }
        if (!stack.kafka().isAlive()) {
            stack.kafka().start(Duration.ofMinutes(3));
        }
        shop.faults("psp", 0, false);
        shop.faults("provider", 0, false);
        List<ServiceProcess> all = stack.services().stream()
                .flatMap(first -> stack.instances(first.service()).stream()).toList();
        all.stream().filter(instance -> !instance.isAlive()).forEach(ServiceProcess::start);
        all.forEach(ServiceProcess::awaitReady);
    }

    /** Back to one instance of every service, everything healed. */
    @Override
    public void close() {
        try {
            heal();
            for (OrderflowService service : Backlogs.SERVICES) {
                stack.instances(service).stream().skip(1).toList().parallelStream().forEach(stack::removeInstance);
            }
        } finally {
            backlogs.close();
        }
    }

    List<ScenarioReport> reports() {
        return List.copyOf(reports);
    }

    private void record(ScenarioReport report) {
        reports.add(report);
        System.out.println(report.line());
        report.violations().stream().limit(50).forEach(violation -> System.out.println("[faults]   " + violation));
        try {
            Files.createDirectories(reportFile.getParent());
            List<String> lines = new ArrayList<>();
            lines.add(report.line());
            report.violations().forEach(violation -> lines.add("    " + violation));
            Files.write(reportFile, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException unwritable) {
            System.out.println("[faults] could not append to " + reportFile + ": " + unwritable);
        }
    }
}
