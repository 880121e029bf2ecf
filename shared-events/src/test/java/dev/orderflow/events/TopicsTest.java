package dev.orderflow.events;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TopicsTest {

    @Test
    void namesTheDeadLetterTopicAfterTheConsumedTopic() {
        assertThat(Topics.deadLetter(Topics.INVENTORY_COMMANDS)).isEqualTo("inventory.commands.dlt");
        assertThat(Topics.ofDeadLetter("inventory.commands.dlt")).isEqualTo(Topics.INVENTORY_COMMANDS);
    }

    @Test
    void tellsDeadLetterTopicsFromTopicsThatCarryMessages() {
        assertThat(Topics.ALL).noneMatch(Topics::isDeadLetter);
        assertThat(Topics.ALL).map(Topics::deadLetter).allMatch(Topics::isDeadLetter);
    }

    @Test
    void refusesToFindTheConsumedTopicOfATopicThatIsNoDeadLetter() {
        assertThatIllegalArgumentException().isThrownBy(() -> Topics.ofDeadLetter(Topics.ORDERS_EVENTS));
    }

    @Test
    void listsEveryTopicOnce() {
        assertThat(Topics.ALL).doesNotHaveDuplicates().hasSize(6);
    }
}
