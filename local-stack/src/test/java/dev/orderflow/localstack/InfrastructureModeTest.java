package dev.orderflow.localstack;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class InfrastructureModeTest {

    private static final Map<String, String> NOTHING = Map.of();

    @Test
    void usesDockerWhenAutoAndDockerAnswers() {
        assertThat(InfrastructureMode.choose(NOTHING::get, NOTHING::get, () -> true).mode())
                .isEqualTo(InfrastructureMode.DOCKER);
    }

    @Test
    void embedsWhenAutoAndDockerIsSilent() {
        var choice = InfrastructureMode.choose(NOTHING::get, NOTHING::get, () -> false);

        assertThat(choice.mode()).isEqualTo(InfrastructureMode.EMBEDDED);
        assertThat(choice.reason()).contains("no Docker");
    }

    @Test
    void systemPropertyWinsOverEnvironmentVariable() {
        var choice = InfrastructureMode.choose(Map.of(InfrastructureMode.PROPERTY, "embedded")::get,
                Map.of(InfrastructureMode.ENVIRONMENT_VARIABLE, "docker")::get, () -> true);

        assertThat(choice.mode()).isEqualTo(InfrastructureMode.EMBEDDED);
        assertThat(choice.reason()).isEqualTo("orderflow.test.infrastructure=embedded");
    }

    @Test
    void environmentVariableForcesDockerWithoutAskingForIt() {
        var choice = InfrastructureMode.choose(NOTHING::get,
                Map.of(InfrastructureMode.ENVIRONMENT_VARIABLE, " DOCKER ")::get, () -> {
                    throw new AssertionError("must not probe Docker when told");
                });

        assertThat(choice.mode()).isEqualTo(InfrastructureMode.DOCKER);
    }

    @Test
    void rejectsAnUnknownSetting() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> InfrastructureMode.choose(Map.of(InfrastructureMode.PROPERTY, "podman")::get,
                        NOTHING::get, () -> true))
                .withMessageContaining("expected auto, docker or embedded");
    }
}
