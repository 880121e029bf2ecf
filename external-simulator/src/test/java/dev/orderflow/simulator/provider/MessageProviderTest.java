package dev.orderflow.simulator.provider;

import dev.orderflow.simulator.web.IdempotencyKeyReusedException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageProviderTest {

    private final MessageProvider provider = new MessageProvider();
    private final MessageRequest confirmation =
            new MessageRequest(Channel.EMAIL, "ada@example.org", "order-confirmed", "Your order is confirmed.");

    @Test
    void deliversOncePerIdempotencyKey() {
        DeliveredMessage first = provider.deliver("n-1", confirmation);
        DeliveredMessage again = provider.deliver("n-1", confirmation);

        assertThat(again.messageId()).isEqualTo(first.messageId());
        assertThat(provider.deliveredTo("ada@example.org")).containsExactly(first);
    }

    @Test
    void deliversMessagesWithDifferentKeysSeparately() {
        provider.deliver("n-1", confirmation);
        provider.deliver("n-2", confirmation);

        assertThat(provider.deliveredTo("ada@example.org")).hasSize(2);
        assertThat(provider.deliveredTo("bob@example.org")).isEmpty();
    }

    @Test
    void refusesAKeyReusedForAnotherMessage() {
        provider.deliver("n-1", confirmation);

        assertThatThrownBy(() -> provider.deliver("n-1",
                new MessageRequest(Channel.SMS, "+4912345", "order-confirmed", "Confirmed.")))
                .isInstanceOf(IdempotencyKeyReusedException.class);
        assertThat(provider.deliveredTo(null)).hasSize(1);
    }
}
