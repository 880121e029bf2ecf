package dev.orderflow.localstack.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

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
        assertThat(first.operatorSecret()).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(first.demoPassword());
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
                .containsEntry("SPRING_SECURITY_OAUTH2_AUTHORIZATIONSERVER_ISSUER", "http://127.0.0.1:9000");
    }
}
