package dev.orderflow.simulator;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Runs the simulated outside world on its own port.
 *
 * <p>Its settings live in {@code external-simulator.yml} rather than {@code application.yml}: tests of other
 * modules start the simulator inside their own JVM, where their {@code application.yml} would otherwise win.
 * Port 8090 is a default of {@link #main} only ({@code SERVER_PORT} overrides it), so an embedding test's
 * {@code builder().properties("server.port=0")} gets a random port.
 */
@SpringBootApplication
public class ExternalSimulatorApplication {

    /** The configuration file name (without extension) the simulator reads its settings from. */
    public static final String CONFIG_NAME = "external-simulator";

    /** The simulator's port when run on its own. */
    public static final int DEFAULT_PORT = 8090;

    public static void main(String[] args) {
        builder().properties("server.port=" + DEFAULT_PORT).run(args);
    }

    /** A builder that reads the simulator's own settings; embedders add properties such as {@code server.port=0}. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(ExternalSimulatorApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }
}
