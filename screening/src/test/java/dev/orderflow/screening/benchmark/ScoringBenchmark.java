package dev.orderflow.screening.benchmark;

import dev.orderflow.screening.CustomerHistory;
import dev.orderflow.screening.Features;
import dev.orderflow.screening.FixedRule;
import dev.orderflow.screening.PaymentAttempt;
import dev.orderflow.screening.ScreeningModel;
import dev.orderflow.screening.training.SyntheticPayments;
import dev.orderflow.screening.training.Trainer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What screening a payment costs in the service: its features from the customer's history, then the packaged model's
 * score, timed one payment at a time on one thread, over the generated customers' payments replayed in time order as
 * a service sees them (each customer's history growing with its attempts). Beside it, in the same run and on the same
 * payments: the fixed rule it replaces (its verdict from the same history), and the features alone. Every series runs
 * once untimed first, so that the JIT has compiled what it measures.
 *
 * <pre>
 * ./mvnw -q -B -o -pl screening -Pbenchmark verify [-Dbenchmark.args="--customers 2000 --rounds 3"]
 * </pre>
 *
 * Prints payments per second and the latency percentiles of each series, and whether scoring keeps its p99 within the
 * 1 ms a payment may spend on it (issue 13). A measurement, not a test: its figures depend on the machine.
 */
public final class ScoringBenchmark {

    private static final double P99_BUDGET_MILLIS = 1.0;

    private ScoringBenchmark() {
    }

    private interface Screen {
        /** Screens one payment against the history before it; answers something the JIT cannot drop. */
        double screen(CustomerHistory history, PaymentAttempt attempt);
    }

    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        Map<String, Integer> options = options(args);
        int customers = options.getOrDefault("customers", 2000);
        int rounds = options.getOrDefault("rounds", 3);
        ScreeningModel model = ScreeningModel.packaged(ScoringBenchmark.class.getClassLoader(),
                Trainer.Settings.DEFAULT.version());
        List<SyntheticPayments.Customer> replayed = new SyntheticPayments(20261208L, customers, 30).customers();
        long payments = replayed.stream().flatMap(c -> c.events().stream())
                .filter(SyntheticPayments.Attempt.class::isInstance).count();
        System.out.printf("Scoring benchmark: model %s (%s), %,d payments of %,d generated customers (seed 20261208, "
                        + "not the training seed), %d timed rounds after one untimed; JDK %s, %d cores%n",
                model.card().version(), model.card().data().trainer(), payments, customers, rounds,
                Runtime.version(), Runtime.getRuntime().availableProcessors());

        Screen rule = (history, attempt) -> FixedRule.AS_CONFIGURED.suspects(history, attempt) ? 1 : 0;
        Screen features = (history, attempt) -> Features.of(history, attempt)[0];
        Screen scoring = (history, attempt) -> model.score(Features.of(history, attempt));

        System.out.println();
        System.out.println("| series | payments/s (one thread, screening time only) | p50 us | p90 us | p99 us | p99.9 us | max us |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        double[] ruleFigures = run("fixed rule (baseline)", rule, replayed, rounds);
        run("features alone", features, replayed, rounds);
        double[] modelFigures = run("features + model score", scoring, replayed, rounds);
        System.out.println();
        double p99Millis = modelFigures[2] / 1000;
        System.out.printf("Scoring p99 %.3f ms against the budget of %.1f ms: %s; %.0fx the fixed rule's p99.%n",
                p99Millis, P99_BUDGET_MILLIS, p99Millis <= P99_BUDGET_MILLIS ? "within" : "OVER",
                modelFigures[2] / Math.max(ruleFigures[2], 0.001));
    }

    /** Runs one series: an untimed round, then the timed ones; prints its row; answers p50, p90, p99 (us). */
    private static double[] run(String name, Screen screen, List<SyntheticPayments.Customer> customers, int rounds) {
        replay(screen, customers, false);
        List<long[]> timed = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            timed.add(replay(screen, customers, true));
        }
        long[] all = timed.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        // Payments a second that one thread screens, counting only the time spent screening (not the replay's).
        double seconds = Arrays.stream(all).sum() / 1e9;
        long count = all.length;
        double[] micros = {percentile(all, 0.50), percentile(all, 0.90), percentile(all, 0.99),
                percentile(all, 0.999), all[all.length - 1] / 1000.0};
        System.out.printf("| %s | %,.0f | %.1f | %.1f | %.1f | %.1f | %.0f |%n", name, count / seconds, micros[0],
                micros[1], micros[2], micros[3], micros[4]);
        return micros;
    }

    /**
     * Every customer's events in order, each attempt screened against the history before it and then recorded; the
     * time of each screening if {@code timed}.
     */
    private static long[] replay(Screen screen, List<SyntheticPayments.Customer> customers, boolean timed) {
        List<Long> nanos = timed ? new ArrayList<>() : null;
        double sink = 0;
        for (SyntheticPayments.Customer customer : customers) {
            CustomerHistory history = new CustomerHistory(customer.accountOpenedAt());
            for (SyntheticPayments.Event event : customer.events()) {
                switch (event) {
                    case SyntheticPayments.Attempt attempt -> {
                        long before = System.nanoTime();
                        sink += screen.screen(history, attempt.payment());
                        long took = System.nanoTime() - before;
                        if (nanos != null) {
                            nanos.add(took);
                        }
                        history.attempted(attempt.at(), attempt.payment().amount(), attempt.authorized());
                    }
                    case SyntheticPayments.Refund refund -> history.refunded();
                }
            }
        }
        if (sink == Double.MIN_VALUE) {
            System.out.print("");
        }
        return nanos == null ? new long[0] : nanos.stream().mapToLong(Long::longValue).toArray();
    }

    private static double percentile(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1000.0;
    }

    private static Map<String, Integer> options(String[] args) {
        Map<String, Integer> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (!List.of("customers", "rounds").contains(name) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + args[i]
                        + "; the options are --customers <n> and --rounds <n>");
            }
            options.put(name, Integer.parseInt(args[i + 1]));
        }
        return options;
    }
}
