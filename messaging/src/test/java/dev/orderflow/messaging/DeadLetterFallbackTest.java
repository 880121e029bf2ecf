package dev.orderflow.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

class DeadLetterFallbackTest {

    private final IllegalStateException failure = new IllegalStateException("cannot handle it");

    @Test
    void writesTheRecordAsItIsWhenTheDeadLetterTopicTakesIt() {
        Recording deadLetters = new Recording(0);
        ConsumerRecord<String, byte[]> record = record(new byte[1000]);

        MessagingAutoConfiguration.deadLetterEvenIfTooLarge(deadLetters, record, failure);

        assertThat(deadLetters.written).singleElement().isSameAs(record);
    }

    @Test
    void cutsTheValueAndNamesItsSizeWhenTheDeadLetterTopicRefusesItAsTooLarge() {
        Recording deadLetters = new Recording(1);
        byte[] value = "x".repeat(3 * 1024 * 1024).getBytes(StandardCharsets.UTF_8);
        ConsumerRecord<String, byte[]> record = record(value);

        MessagingAutoConfiguration.deadLetterEvenIfTooLarge(deadLetters, record, failure);

        assertThat(deadLetters.written).hasSize(1);
        ConsumerRecord<?, ?> written = deadLetters.written.getFirst();
        assertThat((byte[]) written.value()).hasSize(MessagingAutoConfiguration.TRUNCATED_VALUE_BYTES);
        assertThat(written.key()).isEqualTo("order-1");
        assertThat(written.offset()).isEqualTo(42);
        assertThat(new String(written.headers().lastHeader(MessagingAutoConfiguration.TRUNCATED_FROM_HEADER).value(),
                StandardCharsets.UTF_8)).isEqualTo(String.valueOf(value.length));
        assertThat(new String(written.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8))
                .isEqualTo("message-1");
    }

    @Test
    void leavesOtherFailuresToTheErrorHandlerSoTheRecordIsRetried() {
        DeadLetterPublishingRecoverer unavailable = new DeadLetterPublishingRecoverer(mock(KafkaOperations.class)) {
            @Override
            public void accept(ConsumerRecord<?, ?> record, Exception exception) {
                throw new KafkaException("no broker", new TimeoutException("metadata"));
            }
        };

        assertThatThrownBy(() -> MessagingAutoConfiguration.deadLetterEvenIfTooLarge(unavailable,
                record(new byte[10]), failure)).isInstanceOf(KafkaException.class);
    }

    private static ConsumerRecord<String, byte[]> record(byte[] value) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("inventory.commands", 3, 42, "order-1", value);
        record.headers().add("ce_id", "message-1".getBytes(StandardCharsets.UTF_8));
        return record;
    }

    /** Refuses the first {@code refusals} records as too large, then writes. */
    private static final class Recording extends DeadLetterPublishingRecoverer {

        private final List<ConsumerRecord<?, ?>> written = new ArrayList<>();
        private int refusals;

        Recording(int refusals) {
            super(mock(KafkaOperations.class));
            this.refusals = refusals;
        }

        @Override
        public void accept(ConsumerRecord<?, ?> record, Exception exception) {
            if (refusals-- > 0) {
                throw new KafkaException("Dead-letter publication failed",
                        new RecordTooLargeException("The message is 3145900 bytes when serialized"));
            }
            written.add(record);
        }
    }
}
