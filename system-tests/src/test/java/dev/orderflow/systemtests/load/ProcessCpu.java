package dev.orderflow.systemtests.load;

import dev.orderflow.localstack.launcher.CpuTime;
import dev.orderflow.localstack.launcher.ServiceProcess;
import dev.orderflow.localstack.launcher.Stack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time spent by each process of an own stack (every service JVM, the broker, PostgreSQL with all its backends),
 * read from the operating system, so that a step can say how many CPU milliseconds one order costs in each of them.
 * On a machine whose cores the stack shares, that budget (not a queue or a lock) is what caps the order rate.
 */
final class ProcessCpu {

    static final String POSTGRES = "postgresql";
    static final String KAFKA = "kafka";

    private final Stack stack;

    ProcessCpu(Stack stack) {
        this.stack = stack;
    }

    /** CPU time used so far, per component; a process that is gone or does not say counts as zero. */
    Map<String, Duration> snapshot() {
        Map<String, Duration> used = new LinkedHashMap<>();
        for (ServiceProcess service : stack.services()) {
            used.put(service.name(), service.pid().map(ProcessCpu::cpuOf).orElse(Duration.ZERO));
        }
        used.put(KAFKA, stack.kafka().pid().map(ProcessCpu::cpuOf).orElse(Duration.ZERO));
        used.put(POSTGRES, stack.postgres().map(CpuTime::withDescendants).orElse(Duration.ZERO));
        return used;
    }

    /** CPU milliseconds per order, per component and in total, between two snapshots. */
    static Map<String, Double> perOrder(Map<String, Duration> before, Map<String, Duration> after, long orders) {
        return scaledWithTotal(before, after, orders == 0 ? 0 : 1.0 / orders);
    }

    /**
     * What each process costs while nothing happens: percent of one core between two snapshots {@code window}
     * apart, per component and in total.
     */
    static Map<String, Double> percentOfOneCore(Map<String, Duration> before, Map<String, Duration> after,
            Duration window) {
        return scaledWithTotal(before, after, 100.0 / window.toMillis());
    }

    /** Each component's CPU milliseconds between the snapshots times {@code factor}, and their sum as "total". */
    private static Map<String, Double> scaledWithTotal(Map<String, Duration> before, Map<String, Duration> after,
            double factor) {
        Map<String, Double> scaled = new LinkedHashMap<>();
        double total = 0;
        for (Map.Entry<String, Duration> entry : after.entrySet()) {
            double millis = entry.getValue().minus(before.getOrDefault(entry.getKey(), Duration.ZERO)).toNanos() / 1e6;
            scaled.put(entry.getKey(), millis * factor);
            total += millis * factor;
        }
        scaled.put("total", total);
        return scaled;
    }

    /** The markdown lines of an idle measurement: a caption and a one-row table. */
    static List<String> idleTable(Duration window, Map<String, Double> percent) {
        List<String> lines = new ArrayList<>();
        lines.add(("Idle cost: percent of one core per process over %d s with the stack warmed up and no load "
                + "(operating system CPU time; PostgreSQL counts every backend; the benchmark's own readings of the "
                + "backlogs paused):").formatted(window.toSeconds()));
        lines.add("");
        List<String> components = List.copyOf(percent.keySet());
        lines.add("| | " + String.join(" | ", components) + " |");
        lines.add("|---|" + "---:|".repeat(components.size()));
        StringBuilder row = new StringBuilder("| idle, % of one core |");
        components.forEach(component -> row.append(" %.2f |".formatted(percent.get(component))));
        lines.add(row.toString());
        return lines;
    }

    /** The markdown lines of {@link #perOrder} figures: a caption and a table with one row per step. */
    static List<String> table(List<String> steps, List<Map<String, Double>> figures) {
        List<String> lines = new ArrayList<>();
        if (figures.isEmpty()) {
            return lines;
        }
        lines.add("CPU milliseconds per accepted order, per process (operating system CPU time from the step's "
                + "first send until the system settled after it, divided by its accepted orders; PostgreSQL "
                + "counts every backend):");
        lines.add("");
        List<String> components = List.copyOf(figures.getFirst().keySet());
        lines.add("| offered/s | " + String.join(" | ", components) + " |");
        lines.add("|---:|" + "---:|".repeat(components.size()));
        for (int i = 0; i < figures.size(); i++) {
            StringBuilder row = new StringBuilder("| ").append(steps.get(i)).append(" |");
            for (String component : components) {
                row.append(" %.1f |".formatted(figures.get(i).getOrDefault(component, 0.0)));
            }
            lines.add(row.toString());
        }
        return lines;
    }

    private static Duration cpuOf(long pid) {
        return ProcessHandle.of(pid).map(CpuTime::of).orElse(Duration.ZERO);
    }
}
