package dev.orderflow.systemtests.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The few readings the benchmark takes from a service's {@code /actuator/prometheus} page (Prometheus text format):
 * a gauge's value and a histogram's cumulative buckets. Not a general parser: no escaped quotes in label values.
 */
final class PrometheusText {

    /** One line of the page: metric name, labels, value. */
    private record Line(String name, Map<String, String> labels, double value) {
    }

    private final List<Line> lines;

    private PrometheusText(List<Line> lines) {
        this.lines = lines;
    }

    static PrometheusText parse(String page) {
        List<Line> lines = new ArrayList<>();
        for (String raw : page.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            String name;
            Map<String, String> labels = new HashMap<>();
            String rest;
            if (brace >= 0 && (space < 0 || brace < space)) {
                int close = line.indexOf('}', brace);
                if (close < 0) {
                    continue;
                }
                name = line.substring(0, brace);
                labels = labels(line.substring(brace + 1, close));
                rest = line.substring(close + 1).strip();
            } else if (space > 0) {
                name = line.substring(0, space);
                rest = line.substring(space + 1).strip();
            } else {
                continue;
            }
            // An optional timestamp may follow the value.
            String value = rest.split("\\s+")[0];
            try {
                lines.add(new Line(name, labels, number(value)));
            } catch (NumberFormatException unreadable) {
                // a line we do not understand is not one we need
            }
        }
        return new PrometheusText(lines);
    }

    /** The value of the first series of that name, whatever its labels. */
    OptionalDouble value(String name) {
        return lines.stream().filter(line -> line.name().equals(name)).mapToDouble(Line::value).findFirst();
    }

    /**
     * The cumulative counts of a histogram by upper bound ({@code le}, {@code +Inf} as infinity), summed over its
     * other labels; empty if the page has no such histogram.
     */
    NavigableMap<Double, Double> buckets(String histogram) {
        NavigableMap<Double, Double> buckets = new TreeMap<>();
        for (Line line : lines) {
            String le = line.labels().get("le");
            if (line.name().equals(histogram + "_bucket") && le != null) {
                buckets.merge(number(le), line.value(), Double::sum);
            }
        }
        return buckets;
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new HashMap<>();
        int at = 0;
        while (at < text.length()) {
            int equals = text.indexOf('=', at);
            int open = text.indexOf('"', equals);
            int close = text.indexOf('"', open + 1);
            if (equals < 0 || open < 0 || close < 0) {
                break;
            }
            labels.put(text.substring(at, equals).strip(), text.substring(open + 1, close));
            int comma = text.indexOf(',', close);
            at = comma < 0 ? text.length() : comma + 1;
        }
        return labels;
    }

    private static double number(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }
}
