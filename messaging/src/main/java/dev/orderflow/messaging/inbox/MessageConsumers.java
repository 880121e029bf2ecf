package dev.orderflow.messaging.inbox;

import dev.orderflow.messaging.MessageHandler;
import dev.orderflow.messaging.metrics.MessagingMetrics;
import dev.orderflow.messaging.tracing.HandlingObservations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One listener container per {@link MessageHandler} bean, or per consumer that handlers share, all in the service's
 * consumer group, started with the application and stopped (offsets of handled records committed) before it shuts
 * down.
 */
public class MessageConsumers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MessageConsumers.class);

    /** Each container by every topic it consumes; a shared container is under each of its topics. */
    private final Map<String, ConcurrentMessageListenerContainer<String, byte[]>> containers = new LinkedHashMap<>();
    private final List<ConcurrentMessageListenerContainer<String, byte[]>> distinct = new ArrayList<>();
    private volatile boolean running;

    public MessageConsumers(List<MessageHandler<?>> handlers,
            ConcurrentKafkaListenerContainerFactory<String, byte[]> factory, String groupId, Inbox inbox,
            TransactionTemplate transactions, MessagingMetrics metrics, int transactionSize,
            HandlingObservations observations) {
        Map<String, List<MessageHandler<?>>> byConsumer = new LinkedHashMap<>();
        Set<String> topics = new HashSet<>();
        for (MessageHandler<?> handler : handlers) {
            if (!topics.add(handler.topic())) {
                throw new IllegalStateException("two MessageHandlers consume " + handler.topic()
                        + ": one handler per topic, switching over the sealed family, keeps their order");
            }
            String consumer = handler.sharedConsumer().map(name -> "shared-" + name).orElse(handler.topic());
            byConsumer.computeIfAbsent(consumer, name -> new ArrayList<>()).add(handler);
        }
        byConsumer.forEach((name, sharing) -> {
            String[] subscribed = sharing.stream().map(MessageHandler::topic).toArray(String[]::new);
            ConcurrentMessageListenerContainer<String, byte[]> container = factory.createContainer(subscribed);
            container.getContainerProperties().setGroupId(groupId);
            container.getContainerProperties().setClientId(groupId + "-" + name);
            container.getContainerProperties().setMessageListener(new HandlingListener(sharing, groupId, inbox,
                    transactions, metrics, transactionSize, observations));
            container.setBeanName("orderflow-consumer-" + name);
            container.setAutoStartup(false);
            distinct.add(container);
            for (String topic : subscribed) {
                containers.put(topic, container);
            }
        });
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
        distinct.forEach(ConcurrentMessageListenerContainer::start);
        running = true;
    }

    /**
     * Stops every container at once and waits until all have stopped, or until the longest of their shutdown
     * timeouts has passed: one after the other, a service with five topics would wait five timeouts for a broker
     * that went away first.
     */
    @Override
    public void stop() {
        CountDownLatch stopped = new CountDownLatch(distinct.size());
        long longestMillis = 0;
        for (ConcurrentMessageListenerContainer<String, byte[]> container : distinct) {
            longestMillis = Math.max(longestMillis, container.getContainerProperties().getShutdownTimeout());
            container.stop(stopped::countDown);
        }
        try {
            if (!stopped.await(longestMillis, TimeUnit.MILLISECONDS)) {
                log.warn("{} of {} consumers had not stopped after {} ms; going on without them", stopped.getCount(),
                        distinct.size(), longestMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
