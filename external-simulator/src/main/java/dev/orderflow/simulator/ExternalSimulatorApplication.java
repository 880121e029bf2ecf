package dev.orderflow.simulator;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Runs the simulated outside world on its own port.
 *
 * <p>Its settings live in {@code external-simulator.yml} rather than {@code application.yml}: tests of other
 * modules start the simulator inside their own JVM, where their {@code application.yml} would otherwise win.
 */
@SpringBootApplication
public class ExternalSimulatorApplication {

    /** The configuration file name (without extension) the simulator reads its settings from. */
    public static final String CONFIG_NAME = "external-simulator";

    public static void main(String[] args) {
        builder().run(args);
    }

    /** A builder that reads the simulator's own settings; embedders add properties such as {@code server.port=0}. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(ExternalSimulatorApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }
}
