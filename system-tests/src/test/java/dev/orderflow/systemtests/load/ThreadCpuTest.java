package dev.orderflow.systemtests.load;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadCpuTest {

    @Test
    void readsTheNameAndUserPlusSystemTicksOfAThread() {
        // A name with a space and a parenthesis, as thread names may have; utime 250, stime 30 ticks.
        ThreadCpu.Thread thread = ThreadCpu.parse(
                "4242 (C2 Compiler) x) S 4200 4200 4200 0 -1 4194624 100 0 0 0 250 30 0 0 20 0 40 0 5000 0 0");

        assertThat(thread.name()).isEqualTo("C2 Compiler) x");
        assertThat(thread.cpuMillis()).isEqualTo(2_800.0);
    }

    @Test
    void groupsThreadsByTheirNameWithNumbersBlankedAndCountsNewThreadsFromZero() {
        Map<Long, ThreadCpu.Thread> before = Map.of(
                1L, new ThreadCpu.Thread("http-nio-8081-exec-1", 100),
                2L, new ThreadCpu.Thread("GC Thread#0", 50));
        Map<Long, ThreadCpu.Thread> after = Map.of(
                1L, new ThreadCpu.Thread("http-nio-8081-exec-1", 400),
                2L, new ThreadCpu.Thread("GC Thread#0", 60),
                3L, new ThreadCpu.Thread("http-nio-8081-exec-2", 200));

        assertThat(ThreadCpu.byGroup(before, after)).containsExactly(
                Map.entry("http-nio-#-exec-#", 500.0),
                Map.entry("GC Thread##", 10.0));
    }
}
