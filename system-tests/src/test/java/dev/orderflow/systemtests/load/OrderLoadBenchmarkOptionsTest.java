package dev.orderflow.systemtests.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OrderLoadBenchmarkOptionsTest {

    @Test
    void readsValuesWithASpaceOrAnEqualsSignAndFlagsWithout() {
        assertThat(OrderLoadBenchmark.parse(new String[] {"--rates", "15,25", "--seconds=60", "--find-max"}))
                .containsEntry("rates", "15,25").containsEntry("seconds", "60").containsEntry("find-max", "true");
    }

    @Test
    void refusesAnOptionItDoesNotKnowInsteadOfIgnoringIt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> OrderLoadBenchmark.parse(new String[] {"--rate", "25"}))
                .withMessageStartingWith("unknown option --rate; the options are --auth, --check-sample, --console, --customers");
    }
}
