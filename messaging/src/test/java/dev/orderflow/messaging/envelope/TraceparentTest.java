package dev.orderflow.messaging.envelope;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TraceparentTest {

    @Test
    void generatesAValidSampledVersionZeroTraceparent() {
        Traceparent generated = Traceparent.newTrace();

        assertThat(generated.toString()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(generated.sampled()).isTrue();
        assertThat(Traceparent.parse(generated.toString())).contains(generated);
    }

    @Test
    void generatesADifferentTraceEachTime() {
        assertThat(Traceparent.newTrace().traceId()).isNotEqualTo(Traceparent.newTrace().traceId());
    }

    @Test
    void readsTheExampleOfTheW3cSpecification() {
        var parsed = Traceparent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

        assertThat(parsed).hasValueSatisfying(traceparent -> {
            assertThat(traceparent.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
            assertThat(traceparent.parentId()).isEqualTo("00f067aa0ba902b7");
            assertThat(traceparent.sampled()).isTrue();
        });
    }

    @Test
    void readsTheKnownFieldsOfAFutureVersion() {
        assertThat(Traceparent.parse("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00-what-comes-next"))
                .hasValueSatisfying(traceparent -> {
                    assertThat(traceparent.toString())
                            .isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00");
                    assertThat(traceparent.sampled()).isFalse();
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "garbage",
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
            "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01"})
    void ignoresAnInvalidHeader(String header) {
        assertThat(Traceparent.parse(header)).isEmpty();
    }

    @Test
    void ignoresAMissingHeader() {
        assertThat(Traceparent.parse(null)).isEmpty();
    }

    @Test
    void padsTheSixtyFourBitTraceIdsOfSomeTracers() {
        Traceparent traceparent = Traceparent.of("a3ce929d0e0e4736", "00f067aa0ba902b7", false);

        assertThat(traceparent.toString()).isEqualTo("00-0000000000000000a3ce929d0e0e4736-00f067aa0ba902b7-00");
    }

    @Test
    void refusesIdsThatAreNotHex() {
        assertThatIllegalArgumentException().isThrownBy(() -> Traceparent.of("not-hex", "00f067aa0ba902b7", true));
    }
}
