package dev.orderflow.systemtests.load;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.orderflow.localstack.AccessTokens;
import dev.orderflow.localstack.launcher.OrderflowService;
import dev.orderflow.localstack.launcher.Stack;
import dev.orderflow.systemtests.SystemChecks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.slf4j.LoggerFactory;

import static dev.orderflow.localstack.launcher.OrderflowService.AUTH;
import static dev.orderflow.localstack.launcher.OrderflowService.CONSOLE;
import static dev.orderflow.localstack.launcher.OrderflowService.EXTERNAL_SIMULATOR;
import static dev.orderflow.localstack.launcher.OrderflowService.INVENTORY;
import static dev.orderflow.localstack.launcher.OrderflowService.NOTIFICATION;
import static dev.orderflow.localstack.launcher.OrderflowService.ORDER;
import static dev.orderflow.localstack.launcher.OrderflowService.PAYMENT;

/**
 * Places orders at fixed open-loop rates against the whole system and prints, per rate, offered and achieved
 * throughput, {@code POST} latency and {@code POST} -> terminal status latency (p50 / p95 / p99 / max), the outcomes,
 * and each service's outbox and consumer lag (read every second), next to what the machine itself does in the same
 * run (single-row PostgreSQL commits per second, Kafka produce -> consume latency); optionally searches the highest
 * rate the system keeps up with; then checks the invariants I1-I5 on a sample of the orders and plots latency against
 * throughput to a PNG. A benchmark, not a test: it never runs in {@code ./mvnw verify}.
 *
 * <pre>
 * ./mvnw -B -ntp -q -DskipTests install            # once: the services' jars and this module's dependencies
 * ./mvnw -q -pl system-tests -Pbenchmark verify    # starts its own stack on free ports (demo data), default steps
 * ./mvnw -q -pl system-tests -Pbenchmark verify -Dbenchmark.args="--rates 10,25,50 --seconds 30"
 * ./mvnw -q -pl system-tests -Pbenchmark verify -Dbenchmark.args="--find-max --plot docs/img/order-load.png"
 * ./mvnw -q -pl system-tests -Pbenchmark verify -Dbenchmark.args="--target http://localhost:8081"   # ./orderflow up
 * </pre>
 *
 * Options (all optional): {@code --rates 50,100,200,400} orders/s, one step each; {@code --seconds 30} per step;
 * {@code --warmup 10} seconds at the lowest rate, not reported; {@code --drain 90} seconds to wait after a step for
 * its orders' terminal events; {@code --settle 60} seconds to wait after that for every consumer group and outbox to
 * be empty before the next step; {@code --products 8}; {@code --check-sample 100} orders checked for I1-I5 (0: none);
 * {@code --out system-tests/target/benchmark} for the Markdown, CSV and PNG files; {@code --plot <file>} to write
 * the PNG there instead (relative to the repository root, e.g. {@code docs/img/order-load.png}); {@code --idle 0}
 * seconds without load after the warm-up, over which an own stack's idle cost per process is measured.
 * {@code --jvm-options "-Xmx512m ..."}: the services' JVM options instead of the launcher's
 * ({@code Stack.DEFAULT_JVM_OPTIONS}), to compare settings in one session. {@code --profile}: record the first fixed
 * step of an own stack ({@link StepProfile}: JFR on every JVM, thread CPU, PostgreSQL's statements).
 * {@code --console}: an own stack runs the console too (without it, the saga's processes only, as the series in
 * docs/benchmarks.md), to measure what watching the saga costs.
 * {@code ./orderflow bench} is the quick form: {@code --rates 25 --seconds 60 --warmup 180 --idle 30}.
 *
 * <p>The highest rate held: {@code --find-max} (or {@code --find-max true}) searches, after the fixed rates, for the
 * highest offered rate whose step keeps up ({@link KeepUp}: output/s at least {@code --keep-up 0.95} of the offered
 * rate, every order finished, none TIMED_OUT, no failed {@code POST}, terminal p99 at most {@code --max-p99 2000} ms):
 * doubling from the highest fixed rate that held, then bisecting ({@link MaxRateSearch}), with steps of
 * {@code --find-max-seconds 15}, at most {@code --find-max-steps 8} of them, up to {@code --find-max-limit} (twice the
 * highest fixed rate), until within {@code --find-max-precision 0.1} (10%).
 *
 * <p>Against a running system: {@code --target <order-service URL>}, with
 * {@code --inventory}, {@code --payment}, {@code --notification}, {@code --simulator} URLs (default: localhost on
 * the ports of docs/contract.md), {@code --kafka localhost:9092}, {@code --postgres jdbc:postgresql://localhost:5432/orders}
 * ({@code --postgres-user}, {@code --postgres-password}: {@code orders}) and {@code --customers} (default 4 per order/s
 * of the highest rate, the search's limit included), {@code --auth http://localhost:9000} (the authorization server)
 * and {@code --stack .local-stack} (the directory of the running system, whose {@code secrets.properties} hold the
 * operator client's secret and the demo users' password). The services must run on this machine: the invariant checks
 * address them on 127.0.0.1. Their outbox gauges are then as fresh as their own
 * {@code orderflow.messaging.housekeeping.backlog-refresh} (5 s by default); an own stack sets it to 1 s.
 *
 * <p>Every request carries a token from the system's authorization server, got as its clients get one: each demo
 * customer logs in (authorization code with PKCE) and places its own orders; the set-up (products, accounts) and the
 * actuator readings use the operator client's token (client credentials).
 *
 * <p>Payment's fraud rule allows 30 payments per customer per minute. An own stack gets the rule raised and uses the
 * demo customers c-1001..c-1010 (not c-1007, whose credit is 20 EUR); against a running system, whose settings are
 * not ours to change, the orders spread over extra customers {@code load-0001...} whose accounts this opens (or
 * updates) with a large credit limit, so that no customer pays more than about 15 times a minute.
 */
public final class OrderLoadBenchmark {

    private static final List<String> DEMO_CUSTOMERS = IntStream.rangeClosed(1001, 1010).filter(id -> id != 1007)
            .mapToObj(id -> "c-" + id).toList();
    private static final String FRAUD_LIMIT_VARIABLE = "ORDERFLOW_PAYMENT_FRAUD_MAX_PAYMENTS_PER_CUSTOMER_PER_MINUTE";
    private static final String PRICE = "1.00";
    private static final int STOCK = 1_000_000;
    private static final String BACKLOG_REFRESH_VARIABLE = "ORDERFLOW_MESSAGING_HOUSEKEEPING_BACKLOGREFRESH";
    private static final Duration SAMPLE_INTERVAL = Duration.ofSeconds(1);
    private static final List<OrderflowService> MESSAGING_SERVICES = List.of(ORDER, INVENTORY, PAYMENT, NOTIFICATION);

    private final Map<String, String> options;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private OrderLoadBenchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        // No logging configuration is on this class path, so logback would print every Kafka client's settings.
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        new OrderLoadBenchmark(parse(args)).run();
    }

    /** The system under load: where its services, broker and orders database are, and whether we started it. */
    private record Target(Stack stack, boolean ours, String kafka, String jdbcUrl, String user, String password,
            List<String> customers) {

        /** An operator's {@code Authorization}, from the system's authorization server. */
        String operator() {
            return AccessTokens.bearer(stack.accessTokens().operator());
        }

        /**
         * Whether the console runs beside the saga: its consumer group's lag is then reported and waited for like the
         * services'. Our stack runs it with {@code --console}; a running system is taken to run it, as
         * {@code ./orderflow up} does (a group the broker does not know is left out).
         */
        boolean console() {
            return !ours || stack.services().stream().anyMatch(process -> process.service() == CONSOLE);
        }

        /**
         * The {@code Authorization} a customer's order is placed with: a demo customer logs in as itself; the extra
         * customers of a run against a running system have no log-in, an operator places their orders for them.
         */
        String credentials(String customer) {
            return DEMO_CUSTOMERS.contains(customer)
                    ? AccessTokens.bearer(stack.accessTokens().user(customer, stack.secrets().demoPassword()))
                    : operator();
        }
    }

    private void run() throws Exception {
        List<Integer> rates = Arrays.stream(option("rates", "50,100,200,400").split(",")).map(String::strip)
                .map(Integer::valueOf).toList();
        Duration step = Duration.ofSeconds(Long.parseLong(option("seconds", "30")));
        Duration warmup = Duration.ofSeconds(Long.parseLong(option("warmup", "10")));
        Duration settle = Duration.ofSeconds(Long.parseLong(option("settle", "60")));
        Duration idle = Duration.ofSeconds(Long.parseLong(option("idle", "0")));
        boolean findMax = Boolean.parseBoolean(option("find-max", "false"));
        int searchLimit = Integer.parseInt(option("find-max-limit", String.valueOf(2 * Collections.max(rates))));
        KeepUp keepUp = new KeepUp(Double.parseDouble(option("keep-up", "0.95")),
                Double.parseDouble(option("max-p99", "2000")));
        String loadBefore = loadAverage();
        String runName = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Target target = options.containsKey("target")
                ? running(findMax ? Math.max(searchLimit, Collections.max(rates)) : Collections.max(rates))
                : ownStack();
        boolean finished = false;
        Map<String, URI> services = new LinkedHashMap<>();
        MESSAGING_SERVICES.forEach(service -> services.put(service.module(), target.stack().service(service).baseUrl()));
        try (TerminalEvents events = new TerminalEvents(target.kafka());
             BacklogSampler backlogs = new BacklogSampler(http, services, target.console() ? List.of(CONSOLE.module())
                     : List.of(), target.kafka(), SAMPLE_INTERVAL, target::operator)) {
            SystemChecks checks = new SystemChecks(target.stack());
            List<String> skus = new ArrayList<>();
            for (int i = 0; i < Integer.parseInt(option("products", "8")); i++) {
                skus.add(checks.newProduct(PRICE, STOCK));
            }
            say("Products %s (price %s EUR, stock %,d each); customers %d".formatted(skus, PRICE, STOCK,
                    target.customers().size()));

            say("Baseline: PostgreSQL single-row commits for 5 s ...");
            Baselines.CommitRate commits = Baselines.postgresCommitRate(target.jdbcUrl(), target.user(),
                    target.password(), Duration.ofSeconds(5));
            say("Baseline: Kafka produce -> consume at 200 msg/s for 5 s ...");
            Baselines.KafkaRoundTrip kafka = Baselines.kafkaRoundTrip(target.kafka(), 200, Duration.ofSeconds(5));

            OpenLoopStep load = new OpenLoopStep(http, target.stack().service(ORDER).baseUrl(), target.customers(),
                    skus, events, Duration.ofSeconds(Long.parseLong(option("drain", "90"))), target::credentials);
            List<String> placed = new ArrayList<>();
            if (!warmup.isZero()) {
                say("Warm-up: %d orders/s for %d s (not reported) ...".formatted(Collections.min(rates),
                        warmup.toSeconds()));
                placed.addAll(load.run(Collections.min(rates), warmup).acceptedOrderIds());
                settle(backlogs, settle);
            }
            List<Report.Step> steps = new ArrayList<>();
            Optional<ProcessCpu> cpu = target.ours() ? Optional.of(new ProcessCpu(target.stack())) : Optional.empty();
            List<String> idleCost = new ArrayList<>();
            if (cpu.isPresent() && !idle.isZero()) {
                say("Idle cost: no load for %d s ...".formatted(idle.toSeconds()));
                backlogs.pause();
                Map<String, Duration> before = cpu.get().snapshot();
                Thread.sleep(idle.toMillis()); // the measurement window itself: nothing to wait for
                Map<String, Double> percent = ProcessCpu.percentOfOneCore(before, cpu.get().snapshot(), idle);
                backlogs.resume();
                say("  percent of one core: " + percent);
                idleCost.addAll(ProcessCpu.idleTable(idle, percent));
                idleCost.add("");
            }
            List<Map<String, Double>> cpuPerOrder = new ArrayList<>();
            List<String> cpuSteps = new ArrayList<>();
            Map<Integer, Boolean> held = new LinkedHashMap<>();
            Optional<StepProfile> profile = target.ours() && Boolean.parseBoolean(option("profile", "false"))
                    ? Optional.of(new StepProfile(target.stack(), Path.of(option("out", "target/benchmark"))
                            .resolve("profile-" + runName))) : Optional.empty();
            List<String> profileLines = new ArrayList<>();
            for (int rate : rates) {
                Map<String, Duration> cpuBefore = cpu.map(ProcessCpu::snapshot).orElse(Map.of());
                boolean profiled = profile.isPresent() && profileLines.isEmpty();
                if (profiled) {
                    say("  profiling this step (JFR on every JVM, pg_stat_statements) ...");
                    profile.get().start();
                }
                Report.Step done = step(load, backlogs, keepUp, rate, step, false, settle);
                if (profiled) {
                    profileLines.add("");
                    profileLines.addAll(profile.get().stop(done.result().acceptedOrderIds().size()));
                }
                if (cpu.isPresent()) {
                    // Includes the settling after the step: the work the step's orders left behind is theirs too.
                    cpuPerOrder.add(ProcessCpu.perOrder(cpuBefore, cpu.get().snapshot(),
                            done.result().acceptedOrderIds().size()));
                    cpuSteps.add(done.label());
                    say("  CPU ms per order: " + cpuPerOrder.getLast());
                }
                steps.add(done);
                placed.addAll(done.result().acceptedOrderIds());
                held.merge(rate, done.verdict().held(), Boolean::logicalAnd);
            }
            Optional<MaxRateSearch.Outcome> maxRate = Optional.empty();
            if (findMax) {
                Duration searchStep = Duration.ofSeconds(Long.parseLong(option("find-max-seconds", "15")));
                MaxRateSearch search = new MaxRateSearch(Collections.min(rates), searchLimit,
                        Double.parseDouble(option("find-max-precision", "0.1")),
                        Integer.parseInt(option("find-max-steps", "8")));
                say("Searching the highest rate that keeps up (%s) ...".formatted(keepUp.describe()));
                maxRate = Optional.of(search.search(held, rate -> {
                    Report.Step done = step(load, backlogs, keepUp, rate, searchStep, true, settle);
                    steps.add(done);
                    placed.addAll(done.result().acceptedOrderIds());
                    return done.verdict().held();
                }));
                say("  highest rate held: %d orders/s".formatted(maxRate.get().highestHeld()));
            }
            String invariants = checkInvariants(checks, placed, skus);
            String setup = "%s; %d cores, JDK %s; load average before: %s, after: %s".formatted(
                    target.ours() ? "own stack on free ports (demo profile, fraud limit raised)"
                            : "running system at " + target.stack().service(ORDER).baseUrl(),
                    Runtime.getRuntime().availableProcessors(), Runtime.version(), loadBefore, loadAverage());
            String sampling = ("Backlog readings every %d s: each service's outbox gauges (%s, %s), recomputed by the "
                    + "service every %s, and each consumer group's committed offsets against the end offsets of the "
                    + "topics it commits on; %d readings failed or timed out.").formatted(SAMPLE_INTERVAL.toSeconds(),
                            BacklogSampler.PENDING, BacklogSampler.OLDEST_AGE,
                            target.ours() ? "1 s (set by the benchmark)" : "its backlog-refresh (5 s unless set)",
                            backlogs.failedReadings());
            List<String> cpuLines = new ArrayList<>(idleCost);
            cpuLines.addAll(ProcessCpu.table(cpuSteps, cpuPerOrder));
            cpuLines.addAll(profileLines);
            Report report = new Report(setup, commits, kafka, steps, keepUp, maxRate, sampling, invariants, cpuLines);
            System.out.println();
            System.out.println(report.markdown());
            String name = "order-load-" + runName;
            Path out = Path.of(option("out", "target/benchmark"));
            Path written = report.write(out, name);
            say("Written " + written.toAbsolutePath() + " (and .csv, -backlog.csv)");
            Path plot = options.containsKey("plot") ? repositoryRoot().resolve(options.get("plot"))
                    : out.resolve(name + ".png");
            LatencyPlot.write(report.plotPoints(), "orderflow order load %s UTC (%d cores, load average before %s)"
                    .formatted(name.substring("order-load-".length()), Runtime.getRuntime().availableProcessors(),
                            loadBefore), plot);
            say("Plot " + plot.toAbsolutePath().normalize());
            finished = true;
        } finally {
            if (target.ours()) {
                target.stack().close();
                if (finished) {
                    deleteRecursively(target.stack().directory());
                } else {
                    say("Kept the stack's data and logs in " + target.stack().directory());
                }
            }
        }
    }

    /** One reported step: the load, the backlogs meanwhile, the verdict; then waits for the system to settle. */
    private static Report.Step step(OpenLoopStep load, BacklogSampler backlogs, KeepUp keepUp, int rate,
            Duration length, boolean search, Duration settle) throws InterruptedException {
        say("Step%s: %d orders/s for %d s ...".formatted(search ? " (search)" : "", rate, length.toSeconds()));
        long from = System.nanoTime();
        OpenLoopStep.Result result = load.run(rate, length);
        Report.Step done = new Report.Step(result, backlogs.between(from, System.nanoTime()), search,
                keepUp.of(result));
        say("  completed %.1f/s, output %.1f/s, POST -> terminal p50/p95/p99/max %s ms, %s; kept up: %s".formatted(
                result.finishedRate(), result.outputRate(), result.postToTerminal().summary(), result.outcomes(),
                done.verdict().cell()));
        settle(backlogs, settle);
        return done;
    }

    /** Lets the consumers and relays catch up on what a step left, so that the next step starts on an idle system. */
    private static void settle(BacklogSampler backlogs, Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        if (backlogs.awaitCaughtUp(limit)) {
            say("  settled: consumers caught up, outboxes empty (%.1f s)".formatted((System.nanoTime() - start) / 1e9));
        } else {
            say("  NOT settled after %d s: the next step starts on leftovers".formatted(limit.toSeconds()));
        }
    }

    private static Path repositoryRoot() {
        String root = System.getProperty("orderflow.repository.root");
        return root == null ? Path.of("") : Path.of(root);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private Target ownStack() throws IOException {
        Stack.Builder builder = Stack.builder()
                .directory(Files.createTempDirectory("orderflow-load-benchmark"))
                .randomPorts()
                .readinessTimeout(Duration.ofMinutes(5))
                // Kept between runs: the first run of a build trains it, the later ones start in a third of the time.
                .startupCache(Path.of("target", "start-cache"))
                .environment(PAYMENT, FRAUD_LIMIT_VARIABLE, "100000")
                // The outbox gauges are cached; refreshed every second they follow a step (the default is 5 s).
                .environment(ORDER, BACKLOG_REFRESH_VARIABLE, "1s")
                .environment(INVENTORY, BACKLOG_REFRESH_VARIABLE, "1s")
                .environment(PAYMENT, BACKLOG_REFRESH_VARIABLE, "1s")
                .environment(NOTIFICATION, BACKLOG_REFRESH_VARIABLE, "1s")
                .progress(OrderLoadBenchmark::say);
        if (!Boolean.parseBoolean(option("console", "false"))) {
            // The series in docs/benchmarks.md is of the saga's seven processes; --console measures what it adds.
            builder.services(Arrays.stream(OrderflowService.values()).filter(service -> service != CONSOLE)
                    .toArray(OrderflowService[]::new));
        }
        if (options.containsKey("jvm-options")) {
            builder.jvmOptions(options.get("jvm-options").strip().split("\\s+"));
        }
        String root = System.getProperty("orderflow.repository.root");
        if (root != null) {
            builder.repositoryRoot(Path.of(root));
        }
        Stack stack = builder.build();
        // Ctrl-C: stop the services, the broker and the database we started (close() is safe to repeat).
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "load-benchmark-stack-stop"));
        stack.start();
        return new Target(stack, true, stack.kafkaBootstrapServers(), stack.jdbcUrl("orders"), "orders", "orders",
                DEMO_CUSTOMERS);
    }

    /** A system already running on this machine; the stack object only describes its ports, it starts nothing. */
    private Target running(int highestRate) throws IOException, InterruptedException {
        URI order = URI.create(options.get("target"));
        if (!List.of("localhost", "127.0.0.1").contains(order.getHost())) {
            throw new IllegalArgumentException("--target must be on this machine (localhost or 127.0.0.1): " + order);
        }
        // Never started: the stack only names the services' ports, and its directory holds the system's secrets.
        Path directory = Path.of(option("stack", Stack.defaultDirectory().toString()));
        if (!Files.exists(directory.resolve("secrets.properties"))) {
            throw new IllegalArgumentException("no secrets.properties in %s: --stack must name the directory of the "
                    .formatted(directory) + "running system (./orderflow up keeps it in .local-stack)");
        }
        Stack.Builder ports = Stack.builder().directory(directory).port(ORDER, order.getPort())
                .port(AUTH, URI.create(option("auth", "http://localhost:" + AUTH.designPort())).getPort());
        Map<OrderflowService, String> others = Map.of(INVENTORY, "inventory", PAYMENT, "payment",
                NOTIFICATION, "notification", EXTERNAL_SIMULATOR, "simulator");
        others.forEach((service, name) -> ports.port(service,
                URI.create(option(name, "http://localhost:" + service.designPort())).getPort()));
        Stack stack = ports.build();
        String operator = AccessTokens.bearer(stack.accessTokens().operator());
        List<String> customers = new ArrayList<>(DEMO_CUSTOMERS);
        int extra = Integer.parseInt(option("customers", String.valueOf(Math.max(20, 4 * highestRate))));
        for (int i = 1; i <= extra; i++) {
            String customer = "load-%04d".formatted(i);
            openAccount(stack.service(PAYMENT).url("/api/accounts/" + customer), operator);
            customers.add(customer);
        }
        return new Target(stack, false, option("kafka", "localhost:9092"),
                option("postgres", "jdbc:postgresql://localhost:5432/orders"), option("postgres-user", "orders"),
                option("postgres-password", "orders"), customers);
    }

    private void openAccount(URI account, String operator) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(account)
                .header("Content-Type", "application/json").header("Authorization", operator)
                .PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"creditLimit\":{\"amount\":\"1000000.00\",\"currency\":\"EUR\"}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("PUT " + account + ": " + response.statusCode() + " " + response.body());
        }
    }

    /** I1-I5 on a random sample of the accepted orders (and on every product of the run, for I2). */
    private String checkInvariants(SystemChecks checks, List<String> orderIds, List<String> skus) {
        int size = Math.min(Integer.parseInt(option("check-sample", "100")), orderIds.size());
        if (size == 0) {
            return "not checked";
        }
        List<String> sample = new ArrayList<>(orderIds);
        Collections.shuffle(sample, new Random(42));
        sample = sample.subList(0, size);
        say("Checking I1-I5 on %d of %d orders and %d products ...".formatted(size, orderIds.size(), skus.size()));
        long start = System.nanoTime();
        try {
            checks.invariantsHoldFor(sample, skus);
            return "I1-I5 hold for a random sample of %d of the %d accepted orders and all %d products (%d s)"
                    .formatted(size, orderIds.size(), skus.size(), Duration.ofNanos(System.nanoTime() - start)
                            .toSeconds());
        } catch (AssertionError | RuntimeException broken) {
            return "VIOLATED on a sample of %d orders: %s".formatted(size, broken.getMessage());
        }
    }

    private String option(String name, String otherwise) {
        return options.getOrDefault(name, otherwise);
    }

    /** Every option the class comment names; anything else is a typo that would otherwise be silently ignored. */
    static final Set<String> OPTIONS = Set.of("rates", "seconds", "warmup", "drain", "settle", "products",
            "check-sample", "out", "plot", "idle", "jvm-options", "profile", "find-max", "keep-up", "max-p99",
            "find-max-seconds", "find-max-steps", "find-max-limit", "find-max-precision", "target", "inventory",
            "payment", "notification", "simulator", "kafka", "postgres", "postgres-user", "postgres-password",
            "customers", "auth", "stack", "console");

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + arg);
            }
            int equals = arg.indexOf('=');
            String name = equals > 0 ? arg.substring(2, equals) : arg.substring(2);
            if (!OPTIONS.contains(name)) {
                throw new IllegalArgumentException("unknown option --%s; the options are --%s"
                        .formatted(name, String.join(", --", new TreeSet<>(OPTIONS))));
            }
            if (equals > 0) {
                options.put(name, arg.substring(equals + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                options.put(name, args[++i]);
            } else {
                // A flag such as --find-max.
                options.put(name, "true");
            }
        }
        return options;
    }

    private static String loadAverage() {
        try {
            return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
        } catch (IOException | RuntimeException unavailable) {
            return "unknown";
        }
    }

    private static void say(String line) {
        System.out.println("[order-load] " + line);
    }
}
