package dev.orderflow.systemtests.load;

import dev.orderflow.localstack.launcher.ServiceProcess;
import dev.orderflow.localstack.launcher.Stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

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
        used.put(POSTGRES, postmaster().map(postmaster -> Stream.concat(Stream.of(postmaster),
                        postmaster.descendants()).map(ProcessCpu::cpuOf).reduce(Duration.ZERO, Duration::plus))
                .orElse(Duration.ZERO));
        return used;
    }

    /** CPU milliseconds per order, per component and in total, between two snapshots. */
    static Map<String, Double> perOrder(Map<String, Duration> before, Map<String, Duration> after, long orders) {
        Map<String, Double> perOrder = new LinkedHashMap<>();
        double total = 0;
        for (Map.Entry<String, Duration> entry : after.entrySet()) {
            double millis = entry.getValue().minus(before.getOrDefault(entry.getKey(), Duration.ZERO)).toNanos() / 1e6;
            double each = orders == 0 ? 0 : millis / orders;
            perOrder.put(entry.getKey(), each);
            total += each;
        }
        perOrder.put("total", total);
        return perOrder;
    }

    /** The markdown table of {@link #perOrder} figures, one row per step. */
    static List<String> table(List<String> steps, List<Map<String, Double>> figures) {
        List<String> lines = new ArrayList<>();
        if (figures.isEmpty()) {
            return lines;
        }
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

    private Optional<ProcessHandle> postmaster() {
        Path pidFile = stack.directory().resolve("postgres").resolve("postmaster.pid");
        try {
            String first = Files.readAllLines(pidFile).getFirst().strip();
            return ProcessHandle.of(Long.parseLong(first));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static Duration cpuOf(long pid) {
        return ProcessHandle.of(pid).map(ProcessCpu::cpuOf).orElse(Duration.ZERO);
    }

    private static Duration cpuOf(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }
}
