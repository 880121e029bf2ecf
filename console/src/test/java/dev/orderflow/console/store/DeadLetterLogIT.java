package dev.orderflow.console.store;

import dev.orderflow.console.support.ConsoleIT;
import dev.orderflow.messaging.deadletter.DeadLetter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Dead letters kept once each, by where they sit in their topic, and forgotten when old. */
class DeadLetterLogIT extends ConsoleIT {

    private static final String TOPIC = "inventory.products.dlt";

    @Autowired
    DeadLetterLog letters;

    @Test
    void keepsARedeliveredLetterOnceAndForgetsOnlyThoseOlderThanTheCut() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long offset = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
        DeadLetter old = letter(offset, now.minus(400, ChronoUnit.DAYS));
        DeadLetter recent = letter(offset + 1, now);

        assertThat(letters.record(List.of(old, recent))).isEqualTo(2);
        assertThat(letters.record(List.of(old))).as("redelivered").isZero();

        letters.forgetBefore(now.minus(300, ChronoUnit.DAYS), 1_000);

        assertThat(letters.latest(TOPIC, 500)).extracting(DeadLetter::offset).contains(offset + 1)
                .doesNotContain(offset);
    }

    private static DeadLetter letter(long offset, Instant at) {
        return new DeadLetter(TOPIC, 0, offset, "SKU-" + offset, UUID.randomUUID().toString(),
                "dev.orderflow.inventory.ProductUpdated.v1", "inventory.products", null, null, "order-service",
                "dev.orderflow.messaging.MalformedMessageException: price: missing", at, null);
    }
}
