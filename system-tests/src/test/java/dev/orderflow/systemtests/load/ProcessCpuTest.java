package dev.orderflow.systemtests.load;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ProcessCpuTest {

    @Test
    void dividesEachProcessesCpuTimeOverTheStepByTheOrdersAndAddsATotal() {
        Map<String, Duration> before = new LinkedHashMap<>();
        before.put("order-service", Duration.ofMillis(1_000));
        before.put("postgresql", Duration.ofMillis(500));
        Map<String, Duration> after = new LinkedHashMap<>();
        after.put("order-service", Duration.ofMillis(3_000));
        after.put("postgresql", Duration.ofMillis(1_500));
        after.put("kafka", Duration.ofMillis(400));

        Map<String, Double> perOrder = ProcessCpu.perOrder(before, after, 200);

        assertThat(perOrder).containsOnlyKeys("order-service", "postgresql", "kafka", "total");
        assertThat(perOrder.get("order-service")).isCloseTo(10.0, within(1e-9));
        assertThat(perOrder.get("postgresql")).isCloseTo(5.0, within(1e-9));
        assertThat(perOrder.get("kafka")).as("a process first seen after the step started counts from zero")
                .isCloseTo(2.0, within(1e-9));
        assertThat(perOrder.get("total")).isCloseTo(17.0, within(1e-9));
    }

    @Test
    void reportsZeroRatherThanDividingByNoOrders() {
        Map<String, Double> perOrder = ProcessCpu.perOrder(Map.of("kafka", Duration.ZERO),
                Map.of("kafka", Duration.ofSeconds(1)), 0);

        assertThat(perOrder).containsEntry("kafka", 0.0).containsEntry("total", 0.0);
    }

    @Test
    void rendersOneRowPerStepWithAColumnPerProcess() {
        Map<String, Double> step = new LinkedHashMap<>();
        step.put("order-service", 10.25);
        step.put("total", 30.0);

        assertThat(ProcessCpu.table(List.of("50"), List.of(step))).endsWith(
                "| offered/s | order-service | total |",
                "|---:|---:|---:|",
                "| 50 | 10.3 | 30.0 |");
        assertThat(ProcessCpu.table(List.of(), List.of())).isEmpty();
    }

    @Test
    void idleCostIsTheShareOfOneCoreEachProcessUsedOverTheWindow() {
        Map<String, Duration> before = new LinkedHashMap<>();
        before.put("kafka", Duration.ofMillis(10_000));
        before.put("order-service", Duration.ofMillis(4_000));
        Map<String, Duration> after = new LinkedHashMap<>();
        after.put("kafka", Duration.ofMillis(10_600));
        after.put("order-service", Duration.ofMillis(4_300));

        Map<String, Double> idle = ProcessCpu.percentOfOneCore(before, after, Duration.ofSeconds(30));

        assertThat(idle.get("kafka")).isCloseTo(2.0, within(1e-9));
        assertThat(idle.get("order-service")).isCloseTo(1.0, within(1e-9));
        assertThat(idle.get("total")).isCloseTo(3.0, within(1e-9));
        assertThat(ProcessCpu.idleTable(Duration.ofSeconds(30), idle)).endsWith(
                "| | kafka | order-service | total |",
                "|---|---:|---:|---:|",
                "| idle, % of one core | 2.00 | 1.00 | 3.00 |");
    }
}
