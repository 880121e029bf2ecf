package dev.orderflow.simulator.provider;

import dev.orderflow.simulator.web.IdempotencyKeyReusedException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The provider's outbox to the world: delivers each message once per idempotency key. */
@Component
public class MessageProvider {

    private final Clock clock;
    private final Map<String, Keyed> byKey = new HashMap<>();
    private final List<DeliveredMessage> delivered = new ArrayList<>();

    public MessageProvider() {
        this(Clock.systemUTC());
    }

    MessageProvider(Clock clock) {
        this.clock = clock;
    }

    /** Delivers the message, or answers the earlier delivery if the key was seen with the same message. */
    public synchronized DeliveredMessage deliver(String idempotencyKey, MessageRequest request) {
        Keyed earlier = byKey.get(idempotencyKey);
        if (earlier != null) {
            if (!earlier.request().equals(request)) {
                throw new IdempotencyKeyReusedException(idempotencyKey);
            }
            return earlier.message();
        }
        DeliveredMessage message = new DeliveredMessage("msg_" + UUID.randomUUID(), request.channel(),
                request.recipient(), request.template(), request.body(), clock.instant());
        byKey.put(idempotencyKey, new Keyed(request, message));
        delivered.add(message);
        return message;
    }

    /** Messages delivered to a recipient, oldest first; all of them when recipient is null. */
    public synchronized List<DeliveredMessage> deliveredTo(String recipient) {
        return delivered.stream().filter(message -> recipient == null || message.recipient().equals(recipient))
                .toList();
    }

    private record Keyed(MessageRequest request, DeliveredMessage message) {
    }
}
