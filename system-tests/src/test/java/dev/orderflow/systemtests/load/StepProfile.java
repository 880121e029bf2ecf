package dev.orderflow.systemtests.load;

import dev.orderflow.localstack.launcher.ServiceProcess;
import dev.orderflow.localstack.launcher.Stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The profile of one step of an own stack ({@code --profile}): a JFR recording ({@code settings=profile}) of every
 * JVM, started and stopped through {@code jcmd}; the CPU of each JVM's threads by group, from /proc; and PostgreSQL's
 * statements ({@code pg_stat_statements}, which the stack's PostgreSQL preloads) over the same time, per order.
 */
final class StepProfile {

    private static final String RECORDING = "orderflow-benchmark";
    private static final int STATEMENTS_SHOWN = 15;

    private final Stack stack;
    private final Path out;
    private final Map<String, Long> jvms = new LinkedHashMap<>();
    private final Map<String, Map<Long, ThreadCpu.Thread>> threadsBefore = new LinkedHashMap<>();

    StepProfile(Stack stack, Path out) {
        this.stack = stack;
        this.out = out;
        for (ServiceProcess service : stack.services()) {
            service.pid().ifPresent(pid -> jvms.put(service.name(), pid));
        }
        stack.kafka().pid().ifPresent(pid -> jvms.put(ProcessCpu.KAFKA, pid));
    }

    void start() throws IOException, InterruptedException, SQLException {
        Files.createDirectories(out);
        try (Connection postgres = superuser(); Statement statement = postgres.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            statement.execute("SELECT pg_stat_statements_reset()");
        }
        for (Map.Entry<String, Long> jvm : jvms.entrySet()) {
            threadsBefore.put(jvm.getKey(), ThreadCpu.snapshot(jvm.getValue()));
            jcmd(jvm.getValue(), "JFR.start", "name=" + RECORDING, "settings=profile",
                    "filename=" + recording(jvm.getKey()));
        }
    }

    /** Stops the recordings and answers the profile as Markdown lines. */
    List<String> stop(long orders) throws IOException, InterruptedException, SQLException {
        List<String> lines = new ArrayList<>();
        Map<String, Map<String, Double>> threads = new LinkedHashMap<>();
        for (Map.Entry<String, Long> jvm : jvms.entrySet()) {
            threads.put(jvm.getKey(), ThreadCpu.byGroup(threadsBefore.get(jvm.getKey()),
                    ThreadCpu.snapshot(jvm.getValue())));
            jcmd(jvm.getValue(), "JFR.stop", "name=" + RECORDING);
        }
        lines.add("Profile of this step (JFR `settings=profile` on every JVM, thread CPU from /proc, "
                + "PostgreSQL's `pg_stat_statements`); the recordings are in `" + out.getFileName()
                + "/<process>.jfr` beside this report.");
        for (Map.Entry<String, Long> jvm : jvms.entrySet()) {
            String name = jvm.getKey();
            lines.add("");
            lines.add("#### " + name);
            lines.add("");
            lines.add("CPU ms per order by thread group (numbers in names blanked as `#`):");
            lines.add("");
            lines.add("| threads | ms per order |");
            lines.add("|---|---:|");
            threads.get(name).entrySet().stream().filter(entry -> entry.getValue() > 0).limit(12)
                    .forEach(entry -> lines.add("| `%s` | %.2f |".formatted(entry.getKey(),
                            orders == 0 ? 0 : entry.getValue() / orders)));
            Path recording = recording(name);
            if (!Files.exists(recording)) {
                lines.add("");
                lines.add("(no recording)");
                continue;
            }
            JfrSamples.Profile samples = JfrSamples.of(recording);
            lines.add("");
            lines.add("Java execution samples (%,d) by the innermost library on the stack, and the hottest methods:"
                    .formatted(samples.samples()));
            lines.add("");
            lines.add("| category | % of samples |");
            lines.add("|---|---:|");
            samples.categories().forEach((category, share) -> lines.add("| %s | %.1f |".formatted(category, share)));
            lines.add("");
            lines.add("| hottest method (top of stack) | % of samples |");
            lines.add("|---|---:|");
            samples.hottestFrames().forEach((frame, share) -> lines.add("| `%s` | %.1f |".formatted(frame, share)));
        }
        lines.add("");
        lines.addAll(statements(orders));
        return lines;
    }

    private List<String> statements(long orders) throws SQLException {
        List<String> lines = new ArrayList<>();
        lines.add("#### PostgreSQL");
        lines.add("");
        lines.add("Statements per order by database (every statement, `BEGIN` and `COMMIT` included):");
        lines.add("");
        lines.add("| database | statements per order | execution ms per order |");
        lines.add("|---|---:|---:|");
        try (Connection postgres = superuser(); Statement statement = postgres.createStatement()) {
            try (ResultSet rows = statement.executeQuery("""
                    SELECT d.datname, sum(s.calls) AS calls, sum(s.total_exec_time) AS millis
                    FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
                    GROUP BY d.datname ORDER BY calls DESC""")) {
                while (rows.next()) {
                    lines.add("| %s | %.1f | %.2f |".formatted(rows.getString(1), perOrder(rows.getLong(2), orders),
                            perOrder(rows.getDouble(3), orders)));
                }
            }
            lines.add("");
            lines.add("The %d statements that took the most execution time:".formatted(STATEMENTS_SHOWN));
            lines.add("");
            lines.add("| database | calls per order | mean ms | total ms | statement |");
            lines.add("|---|---:|---:|---:|---|");
            try (ResultSet rows = statement.executeQuery("""
                    SELECT d.datname, s.calls, s.mean_exec_time, s.total_exec_time,
                           left(regexp_replace(s.query, '\\s+', ' ', 'g'), 140)
                    FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
                    ORDER BY s.total_exec_time DESC LIMIT %d""".formatted(STATEMENTS_SHOWN))) {
                while (rows.next()) {
                    lines.add("| %s | %.2f | %.3f | %.0f | `%s` |".formatted(rows.getString(1),
                            perOrder(rows.getLong(2), orders), rows.getDouble(3), rows.getDouble(4),
                            rows.getString(5).replace("|", "\\|")));
                }
            }
        }
        return lines;
    }

    private static double perOrder(double value, long orders) {
        return orders == 0 ? 0 : value / orders;
    }

    private Connection superuser() throws SQLException {
        return DriverManager.getConnection(stack.jdbcUrl("postgres"), "postgres", "postgres");
    }

    private Path recording(String jvm) {
        return out.resolve(jvm + ".jfr").toAbsolutePath();
    }

    private static void jcmd(long pid, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid)));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("jcmd %s failed: %s".formatted(String.join(" ", line), output));
        }
    }
}
