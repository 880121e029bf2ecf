package dev.orderflow.messaging.inbox;

import dev.orderflow.messaging.MessageHandler;
import dev.orderflow.messaging.metrics.MessagingMetrics;
import dev.orderflow.messaging.tracing.HandlingObservations;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One listener container per {@link MessageHandler} bean, all in the service's consumer group, started with the
 * application and stopped (offsets of handled records committed) before it shuts down.
 */
public class MessageConsumers implements SmartLifecycle {

    private final Map<String, ConcurrentMessageListenerContainer<String, byte[]>> containers = new LinkedHashMap<>();
    private volatile boolean running;

    public MessageConsumers(List<MessageHandler<?>> handlers,
            ConcurrentKafkaListenerContainerFactory<String, byte[]> factory, String groupId, Inbox inbox,
            TransactionTemplate transactions, MessagingMetrics metrics, int transactionSize,
            HandlingObservations observations) {
        for (MessageHandler<?> handler : handlers) {
            if (containers.containsKey(handler.topic())) {
                throw new IllegalStateException("two MessageHandlers consume " + handler.topic()
                        + ": one handler per topic, switching over the sealed family, keeps their order");
            }
            ConcurrentMessageListenerContainer<String, byte[]> container = factory.createContainer(handler.topic());
            container.getContainerProperties().setGroupId(groupId);
            container.getContainerProperties().setClientId(groupId + "-" + handler.topic());
            container.getContainerProperties().setMessageListener(listener(handler, groupId, inbox, transactions, metrics,
                    transactionSize, observations));
            container.setBeanName("orderflow-consumer-" + handler.topic());
            container.setAutoStartup(false);
            containers.put(handler.topic(), container);
        }
    }

    private static <M> HandlingListener<M> listener(MessageHandler<M> handler, String consumer, Inbox inbox,
            TransactionTemplate transactions, MessagingMetrics metrics, int transactionSize,
            HandlingObservations observations) {
        return new HandlingListener<>(handler, consumer, inbox, transactions, metrics, transactionSize, observations);
    }

    /** The container consuming {@code topic}, e.g. to pause it or to see its assignment. */
    public Optional<ConcurrentMessageListenerContainer<String, byte[]>> container(String topic) {
        return Optional.ofNullable(containers.get(topic));
    }

    public List<String> topics() {
        return List.copyOf(containers.keySet());
    }

    @Override
    public void start() {
        containers.values().forEach(ConcurrentMessageListenerContainer::start);
        running = true;
    }

    @Override
    public void stop() {
        containers.values().forEach(ConcurrentMessageListenerContainer::stop);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
