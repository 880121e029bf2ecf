package dev.orderflow.systemtests.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyPlotTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @Test
    void rendersLatencyAgainstThroughputToAPngHeadless(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("docs/img/order-load.png");

        LatencyPlot.write(List.of(new LatencyPlot.Point(50, 49.5, 120, 800),
                new LatencyPlot.Point(100, 97.0, 300, 2400), new LatencyPlot.Point(200, 140.0, 9000, 31000),
                new LatencyPlot.Point(75, 74.0, 0.0, 1100)), "test plot", file);

        assertPng(file);
    }

    @Test
    void rendersAPlotEvenWhenNoStepFinishedAnOrder(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("empty.png");

        LatencyPlot.write(List.of(), "test plot", file);

        assertPng(file);
    }

    private static void assertPng(Path file) throws IOException {
        assertThat(file).exists();
        assertThat(Files.size(file)).isPositive();
        assertThat(Arrays.copyOf(Files.readAllBytes(file), PNG_SIGNATURE.length)).isEqualTo(PNG_SIGNATURE);
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(1000);
        assertThat(image.getHeight()).isEqualTo(640);
    }
}
