package dev.orderflow.localstack.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for a service jar in launcher tests: answers readiness on {@code SERVER_PORT}, prints the settings the
 * launcher gave it, and says so when it is stopped gracefully (a killed process cannot).
 */
public final class FakeService {

    static final String EXIT_AT_START = "FAKE_SERVICE_EXIT_CODE";

    /**
     * Set, the stand-in dies as a JVM does of a fatal error (exit 134) when it runs with a stand-in start-up cache
     * ({@code -Dfake.cache=<file>}).
     */
    static final String CRASH_ON_CACHE = "FAKE_SERVICE_CRASH_ON_CACHE";

    static final String CACHE_PROPERTY = "fake.cache";

    static final List<String> PRINTED_SETTINGS = List.of("SERVER_PORT", "SPRING_PROFILES_ACTIVE",
            "SPRING_KAFKA_BOOTSTRAP_SERVERS", "SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME",
            "SPRING_DATASOURCE_PASSWORD", "ORDERFLOW_PAYMENT_PSP_BASE_URL", "EXTRA_SETTING");

    private FakeService() {
    }

    public static void main(String[] args) throws IOException {
        if (System.getenv(CRASH_ON_CACHE) != null && System.getProperty(CACHE_PROPERTY) != null) {
            System.out.println("# A fatal error has been detected by the Java Runtime Environment (stand-in)");
            System.out.flush();
            Runtime.getRuntime().halt(ServiceProcess.JVM_FATAL_ERROR_EXIT);
        }
        String exitCode = System.getenv(EXIT_AT_START);
        if (exitCode != null) {
            System.out.println("exiting at start, as told");
            System.exit(Integer.parseInt(exitCode));
        }
        PRINTED_SETTINGS.forEach(name -> System.out.println(name + "=" + System.getenv(name)));
        int port = Integer.parseInt(System.getenv("SERVER_PORT"));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/actuator/health/readiness", exchange -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream response = exchange.getResponseBody()) {
                response.write(body);
            }
        });
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(0);
            System.out.println("stopped gracefully");
        }));
    }
}
