package dev.orderflow.localstack.launcher;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChildProcessTest {

    @Test
    void runsAnObserverBelowTheSagasPriorityAndEveryOtherProcessAsItIs() {
        List<String> java = List.of("java", "-jar", "console.jar");

        assertThat(ChildProcess.atLowerPriority(10, java)).endsWith(java.toArray(String[]::new))
                .satisfies(command -> assertThat(command.getFirst()).endsWith("/nice"))
                .containsSubsequence("-n", "10", "java");
        assertThat(ChildProcess.atLowerPriority(0, java)).isEqualTo(java);
        assertThat(Arrays.stream(OrderflowService.values()).filter(service -> service.niceness() > 0))
                .as("the observers: only the console").containsExactly(OrderflowService.CONSOLE);
    }

    /** nice replaces itself with the command, so the pid the launcher keeps is the service's. */
    @Test
    void aLoweredProcessKeepsItsPid() throws Exception {
        Process process = new ProcessBuilder(ChildProcess.atLowerPriority(5, List.of("sh", "-c", "echo $$")))
                .redirectErrorStream(true).start();
        String printed = new String(process.getInputStream().readAllBytes()).strip();

        assertThat(process.waitFor()).isZero();
        assertThat(Long.parseLong(printed)).isEqualTo(process.pid());
    }
}
