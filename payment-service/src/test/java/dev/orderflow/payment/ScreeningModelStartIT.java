package dev.orderflow.payment;

import dev.orderflow.localstack.RealInfrastructure;
import dev.orderflow.screening.ScreeningModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * payment-service does not start without a screening model it can use: better no service than payments let through
 * unscreened, or screened by a model that reads its inputs wrongly. The start stops with what is wrong and what to do.
 */
@ExtendWith(OutputCaptureExtension.class)
class ScreeningModelStartIT {

    @Test
    void refusesToStartWithoutItsModel(@TempDir Path empty, CapturedOutput output) {
        assertThatExceptionOfType(Exception.class).isThrownBy(() -> start(empty))
                .withStackTraceContaining("no screening model payment-screening-v1 in " + empty)
                .withStackTraceContaining("train one with the screening module's Trainer");
        // Reported as Spring Boot reports a start that failed: what is wrong, and what to do.
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START",
                "payment-service screens every payment and has no screening model it can use: no screening model "
                        + "payment-screening-v1 in " + empty,
                "Payments are never let through unscreened.");
    }

    @Test
    void refusesToStartWithABrokenModel(@TempDir Path directory) throws IOException {
        ScreeningModel.packaged(getClass().getClassLoader(), "payment-screening-v1").save(directory);
        Files.write(directory.resolve("payment-screening-v1.tribuo"), new byte[] {0x0a, 0x7f, 0x13});

        assertThatExceptionOfType(Exception.class).isThrownBy(() -> start(directory))
                .withStackTraceContaining("screening model " + directory.resolve("payment-screening-v1.tribuo")
                        + " cannot be read");
    }

    @Test
    void refusesToStartWithAModelOfAnotherVersionThanItsName() {
        assertThatExceptionOfType(Exception.class).isThrownBy(() -> start("--orderflow.payment.screening.version=v0"))
                .withStackTraceContaining("no screening model v0 packaged on the class path");
    }

    private static void start(Path model) {
        start("--orderflow.payment.screening.model=" + model);
    }

    private static void start(String setting) {
        new SpringApplicationBuilder(PaymentServiceApplication.class).run("--server.port=0",
                "--spring.datasource.url=" + RealInfrastructure.jdbcUrl(),
                "--spring.datasource.username=" + RealInfrastructure.username(),
                "--spring.datasource.password=" + RealInfrastructure.password(),
                "--spring.kafka.bootstrap-servers=" + RealInfrastructure.kafkaBootstrapServers(),
                "--orderflow.payment.charging.enabled=false", "--orderflow.payment.reconciliation.enabled=false",
                setting).close();
    }
}
