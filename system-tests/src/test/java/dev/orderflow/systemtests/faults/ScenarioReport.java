package dev.orderflow.systemtests.faults;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one scenario did and found: orders sent, accepted and refused (and stored although their answer was lost),
 * how they ended, how long the system took to go quiet after healing, timings the fault noted (failovers), and the
 * invariant violations, each naming an order or SKU.
 */
record ScenarioReport(String scenario, int sent, int accepted, Map<String, Integer> refused, int answerLost,
        Map<String, Long> outcomes, Duration faultAndStream, Duration toQuiet, Map<String, Duration> timings,
        int ordersChecked, int skusChecked, List<String> violations) {

    String line() {
        StringBuilder line = new StringBuilder("[faults] ").append(scenario)
                .append(" | sent ").append(sent).append(", accepted ").append(accepted)
                .append(", refused ").append(refused.values().stream().mapToInt(Integer::intValue).sum())
                .append(refused.isEmpty() ? "" : " " + refused)
                .append(", stored without an answer ").append(answerLost)
                .append(" | ").append(outcomes)
                .append(" | stream and fault ").append(seconds(faultAndStream))
                .append(", quiet ").append(seconds(toQuiet)).append(" after healing");
        timings.forEach((what, took) -> line.append(", ").append(what).append(' ').append(seconds(took)));
        line.append(" | ").append(violations.isEmpty()
                ? "I1-I6 hold on %d orders, %d SKUs".formatted(ordersChecked, skusChecked)
                : "%d VIOLATIONS on %d orders, %d SKUs".formatted(violations.size(), ordersChecked, skusChecked));
        return line.toString();
    }

    private static String seconds(Duration duration) {
        return "%.1f s".formatted(duration.toMillis() / 1000.0);
    }
}
