package dev.orderflow.localstack.launcher;

import java.time.Duration;
import java.util.stream.Stream;

/** CPU time the operating system charged to a process so far; a process that is gone or does not say counts as zero. */
public final class CpuTime {

    private CpuTime() {
    }

    public static Duration of(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** The process's and all its descendants' (PostgreSQL: the postmaster and every backend). */
    public static Duration withDescendants(ProcessHandle process) {
        return Stream.concat(Stream.of(process), process.descendants()).map(CpuTime::of)
                .reduce(Duration.ZERO, Duration::plus);
    }
}
