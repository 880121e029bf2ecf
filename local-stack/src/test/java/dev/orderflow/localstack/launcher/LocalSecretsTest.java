package dev.orderflow.localstack.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LocalSecretsTest {

    @TempDir
    Path directory;

    @Test
    void makesTheSecretsOnceAndKeepsThemForEveryLaterStart() {
        LocalSecrets first = LocalSecrets.in(directory);
        LocalSecrets later = LocalSecrets.in(directory);

        assertThat(later.operatorSecret()).isEqualTo(first.operatorSecret());
        assertThat(later.demoPassword()).isEqualTo(first.demoPassword());
        assertThat(later.monitorSecret()).isEqualTo(first.monitorSecret());
        assertThat(first.operatorSecret()).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(first.demoPassword());
        assertThat(first.monitorSecret()).hasSizeGreaterThanOrEqualTo(32)
                .isNotIn(first.operatorSecret(), first.demoPassword());
        assertThat(LocalSecrets.in(directory.resolve("other")).operatorSecret()).isNotEqualTo(first.operatorSecret());
    }

    @Test
    void onlyItsOwnerMayReadThem() throws IOException {
        LocalSecrets.in(directory);

        assertThat(PosixFilePermissions.toString(
                Files.getPosixFilePermissions(directory.resolve(LocalSecrets.FILE)))).isEqualTo("rw-------");
    }

    @Test
    void givesTheAuthorizationServerItsSecretsAndTheIssuerItsClientsReachItAt() {
        LocalSecrets secrets = LocalSecrets.in(directory);

        assertThat(secrets.authServerEnvironment("http://127.0.0.1:9000"))
                .containsEntry("ORDERFLOW_AUTH_OPERATOR_SECRET", secrets.operatorSecret())
                .containsEntry("ORDERFLOW_AUTH_DEMO_PASSWORD", secrets.demoPassword())
                .containsEntry("ORDERFLOW_AUTH_MONITOR_SECRET", secrets.monitorSecret())
                .containsEntry("SPRING_SECURITY_OAUTH2_AUTHORIZATIONSERVER_ISSUER", "http://127.0.0.1:9000");
        assertThat(secrets.consoleEnvironment())
                .containsExactly(Map.entry("ORDERFLOW_CONSOLE_MONITOR_CLIENTSECRET", secrets.monitorSecret()));
    }

    /** A stack made before the console's monitoring client keeps its secrets and gets the new one. */
    @Test
    void addsASecretThatAnOlderStackLacksAndKeepsTheOthers() throws IOException {
        Files.writeString(Files.createDirectories(directory).resolve(LocalSecrets.FILE),
                "auth.operator-secret=kept-operator-secret\nauth.demo-password=kept-demo-password\n");

        LocalSecrets secrets = LocalSecrets.in(directory);

        assertThat(secrets.operatorSecret()).isEqualTo("kept-operator-secret");
        assertThat(secrets.demoPassword()).isEqualTo("kept-demo-password");
        assertThat(secrets.monitorSecret()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(LocalSecrets.in(directory).monitorSecret()).isEqualTo(secrets.monitorSecret());
    }
}
