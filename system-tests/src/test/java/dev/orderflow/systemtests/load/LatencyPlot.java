package dev.orderflow.systemtests.load;

import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Latency against throughput, one point per step: POST -> terminal p50 and p99 (log scale) over the orders per second
 * the step turned out, each point labelled with its offered rate, rendered to PNG with XChart, headless.
 */
final class LatencyPlot {

    static {
        // The benchmark runs without a display (and in CI); AWT must not look for one.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** One step's point: offered and achieved rate, and the latency percentiles in milliseconds. */
    record Point(int offeredRate, double throughput, double p50Millis, double p99Millis) {
    }

    private LatencyPlot() {
    }

    static List<Point> points(List<OpenLoopStep.Result> steps) {
        return steps.stream().filter(step -> step.postToTerminal().count() > 0)
                .map(step -> new Point(step.offeredRate(), step.outputRate(), step.postToTerminal().millis(50),
                        step.postToTerminal().millis(99)))
                .toList();
    }

    /** Writes the plot to the file (a PNG whatever its name), creating its directory. */
    static void write(List<Point> points, String title, Path file) throws IOException {
        XYChart chart = new XYChartBuilder().width(1000).height(640).title(title)
                .xAxisTitle("throughput: orders/s turned out (output/s)")
                .yAxisTitle("POST -> terminal status, ms (log scale)").build();
        XYStyler style = chart.getStyler();
        style.setYAxisLogarithmic(true);
        style.setLegendPosition(Styler.LegendPosition.InsideNW);
        style.setXAxisMin(0.0);
        style.setXAxisDecimalPattern("#,##0.#");
        style.setYAxisDecimalPattern("#,##0.#");
        style.setMarkerSize(8);
        style.setChartBackgroundColor(Color.WHITE);
        // Lines join the steps in order of offered rate, as the load rose.
        List<Point> sorted = points.stream().sorted(Comparator.comparingInt(Point::offeredRate)).toList();
        if (sorted.isEmpty()) {
            // XChart refuses a chart without series; an empty plot still says that no step finished an order.
            chart.setTitle(title + " - no step finished an order");
            chart.addSeries("none", new double[] {0}, new double[] {1}).setMarker(SeriesMarkers.NONE);
        } else {
            double[] x = sorted.stream().mapToDouble(Point::throughput).toArray();
            double[] p99s = positive(sorted.stream().mapToDouble(Point::p99Millis).toArray());
            double[] p50s = positive(sorted.stream().mapToDouble(Point::p50Millis).toArray());
            chart.addSeries("p99 (labels: offered orders/s)", x, p99s).setMarker(SeriesMarkers.DIAMOND);
            chart.addSeries("p50", x, p50s).setMarker(SeriesMarkers.CIRCLE);
            // Room above the highest point for its label, and below the lowest.
            style.setYAxisMax(Arrays.stream(p99s).max().orElseThrow() * 3);
            style.setYAxisMin(Arrays.stream(p50s).min().orElseThrow() / 2);
            for (Point point : sorted) {
                chart.addAnnotation(new AnnotationText("%d/s".formatted(point.offeredRate()), point.throughput(),
                        Math.max(point.p99Millis(), 0.1) * 1.25, false));
            }
        }
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }

    /** A log axis cannot show 0: a step whose percentile rounds to 0 ms is drawn at 0.1 ms. */
    private static double[] positive(double[] millis) {
        double[] drawn = millis.clone();
        for (int i = 0; i < drawn.length; i++) {
            drawn[i] = Math.max(drawn[i], 0.1);
        }
        return drawn;
    }
}
