package dev.orderflow.localstack.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;

/**
 * The secrets of one local stack, made at its first start and kept in {@code <directory>/secrets.properties}
 * (readable by its owner only, and inside {@code .local-stack/}, which git ignores): the secrets of the operator
 * client and of the console's monitoring client, and the demo users' password of the authorization server. Nothing secret is a literal in the repository.
 */
public final class LocalSecrets {

    static final String FILE = "secrets.properties";
    private static final String OPERATOR_SECRET = "auth.operator-secret";
    private static final String DEMO_PASSWORD = "auth.demo-password";
    private static final String MONITOR_SECRET = "auth.monitor-secret";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String operatorSecret;
    private final String demoPassword;
    private final String monitorSecret;

    private LocalSecrets(String operatorSecret, String demoPassword, String monitorSecret) {
        this.operatorSecret = operatorSecret;
        this.demoPassword = demoPassword;
        this.monitorSecret = monitorSecret;
    }

    /** The stack's secrets in {@code directory}, made there first if missing. */
    public static synchronized LocalSecrets in(Path directory) {
        Path file = directory.resolve(FILE);
        Properties secrets = new Properties();
        try {
            if (Files.exists(file)) {
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    secrets.load(reader);
                }
            }
            boolean added = secrets.putIfAbsent(OPERATOR_SECRET, random()) == null;
            added |= secrets.putIfAbsent(DEMO_PASSWORD, random()) == null;
            added |= secrets.putIfAbsent(MONITOR_SECRET, random()) == null;
            if (added) {
                Files.createDirectories(directory);
                if (!Files.exists(file)) {
                    createOwnerOnly(file);
                }
                try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    secrets.store(writer, "Made by the orderflow launcher for this machine; never commit it");
                }
            }
        }
        catch (IOException failed) {
            throw new UncheckedIOException("could not read or write the local secrets in " + file, failed);
        }
        return new LocalSecrets(secrets.getProperty(OPERATOR_SECRET), secrets.getProperty(DEMO_PASSWORD),
                secrets.getProperty(MONITOR_SECRET));
    }

    /** The secret of the client {@code orderflow-operator} (client credentials, scope {@code orderflow.admin}). */
    public String operatorSecret() {
        return operatorSecret;
    }

    /** The password of the demo users (customers {@code c-1001}..{@code c-1010}, operator {@code ops}). */
    public String demoPassword() {
        return demoPassword;
    }

    /** The secret of the client {@code orderflow-monitor} (client credentials, scope {@code orderflow.metrics}). */
    public String monitorSecret() {
        return monitorSecret;
    }

    /** What the authorization server reads them from, and the issuer it names in its tokens. */
    Map<String, String> authServerEnvironment(String issuer) {
        return Map.of("ORDERFLOW_AUTH_OPERATOR_SECRET", operatorSecret, "ORDERFLOW_AUTH_DEMO_PASSWORD", demoPassword,
                "ORDERFLOW_AUTH_MONITOR_SECRET", monitorSecret, "SPRING_SECURITY_OAUTH2_AUTHORIZATIONSERVER_ISSUER",
                issuer);
    }

    /** What the console reads its monitoring client's secret from. */
    Map<String, String> consoleEnvironment() {
        return Map.of("ORDERFLOW_CONSOLE_MONITOR_CLIENTSECRET", monitorSecret);
    }

    private static void createOwnerOnly(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
    }

    private static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
