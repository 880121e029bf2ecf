package dev.orderflow.systemtests.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of each thread of a process, from Linux's {@code /proc/<pid>/task/<tid>/stat}, grouped by thread name with
 * its numbers blanked ({@code http-nio-#-exec-#}), so that a step can say how much went to the garbage collector, the
 * JIT compilers, the Kafka clients, the web server. Threads that ended during the step are not counted; the pools
 * that do an order's work live as long as the process.
 */
final class ThreadCpu {

    /** Linux reports CPU time in clock ticks of USER_HZ, 100 per second on every architecture the JDK runs on. */
    private static final double MILLIS_PER_TICK = 10;

    private ThreadCpu() {
    }

    /** CPU milliseconds used so far per thread id, with the thread's name; empty where /proc is not Linux's. */
    static Map<Long, Thread> snapshot(long pid) {
        Map<Long, Thread> threads = new LinkedHashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    Thread thread = parse(Files.readString(task.resolve("stat")));
                    threads.put(Long.parseLong(task.getFileName().toString()), thread);
                } catch (IOException | RuntimeException ended) {
                    // The thread ended between the listing and the read.
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            return Map.of();
        }
        return threads;
    }

    /** The CPU milliseconds each group of threads used between two snapshots, largest first. */
    static Map<String, Double> byGroup(Map<Long, Thread> before, Map<Long, Thread> after) {
        Map<String, Double> groups = new LinkedHashMap<>();
        after.forEach((tid, thread) -> {
            Thread earlier = before.get(tid);
            double used = thread.cpuMillis() - (earlier == null ? 0 : earlier.cpuMillis());
            groups.merge(group(thread.name()), used, Double::sum);
        });
        return sortedDescending(groups);
    }

    static String group(String name) {
        return name.replaceAll("\\d+", "#");
    }

    /** A thread's name (as the kernel keeps it: its first 15 characters) and CPU time. */
    record Thread(String name, double cpuMillis) {
    }

    static Thread parse(String stat) {
        // pid (comm) state ppid ... : the name may hold spaces and parentheses, so it ends at the last ')'.
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        String name = stat.substring(open + 1, close);
        List<String> fields = List.of(stat.substring(close + 2).split(" "));
        // After the name: state is field 3 of stat(5), utime 14 and stime 15.
        long ticks = Long.parseLong(fields.get(14 - 3)) + Long.parseLong(fields.get(15 - 3));
        return new Thread(name, ticks * MILLIS_PER_TICK);
    }

    static <K> Map<K, Double> sortedDescending(Map<K, Double> values) {
        Map<K, Double> sorted = new LinkedHashMap<>();
        values.entrySet().stream().sorted(Map.Entry.<K, Double>comparingByValue().reversed())
                .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        return sorted;
    }
}
