package dev.orderflow.console.messaging;

import dev.orderflow.console.store.DeadLetterLog;
import dev.orderflow.events.Topics;
import dev.orderflow.messaging.MessageHandler;
import dev.orderflow.messaging.MessagingProperties;
import dev.orderflow.messaging.deadletter.DeadLetter;
import dev.orderflow.messaging.kafka.KafkaClientSettings;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.util.backoff.ExponentialBackOff;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The dead-letter topics of every consumed topic, read into the console's {@link DeadLetterLog}: what each service
 * gave up on, and why. A dead letter is often a message that cannot be read (that may be why it is one), so these are
 * read as raw records, not through messaging's handlers: only the headers (its CloudEvents attributes and those that
 * dead-lettering added) are kept. A poll's letters are one statement; a failure (the database away) is retried until
 * it passes, so no letter is skipped.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterTopics {

    static final List<String> DEAD_LETTER_TOPICS = Topics.ALL.stream().map(Topics::deadLetter).toList();

    private static final Duration IDLE_FETCH_WAIT = Duration.ofSeconds(5);

    @Bean
    DeadLetterConsumer deadLetterConsumer(KafkaClientSettings kafka, DeadLetterLog log, MessagingProperties settings,
            Environment environment) {
        ContainerProperties container = new ContainerProperties(DEAD_LETTER_TOPICS.toArray(String[]::new));
        // The console's consumer group, as its saga topics' consumer (messaging's rule for the name).
        container.setGroupId(settings.consumer().groupId().isBlank()
                ? environment.getRequiredProperty("spring.application.name") : settings.consumer().groupId());
        container.setClientId("console-dead-letters");
        container.setAckMode(ContainerProperties.AckMode.BATCH);
        container.setMessageListener((BatchMessageListener<String, byte[]>) records ->
                log.record(records.stream().map(DeadLetter::of).toList()));
        Map<String, Object> consumer = kafka.consumer(container.getGroupId());
        // Dead letters are rare: no batching wait (the saga topics' fetch settings), an idle fetch every 5 s.
        consumer.remove(ConsumerConfig.FETCH_MIN_BYTES_CONFIG);
        consumer.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) IDLE_FETCH_WAIT.toMillis());
        KafkaMessageListenerContainer<String, byte[]> listener = new KafkaMessageListenerContainer<>(
                new DefaultKafkaConsumerFactory<>(consumer), container);
        ExponentialBackOff retryForever = new ExponentialBackOff(Duration.ofMillis(200).toMillis(), 2.0);
        retryForever.setMaxInterval(Duration.ofSeconds(10).toMillis());
        listener.setCommonErrorHandler(new DefaultErrorHandler(retryForever));
        listener.setBeanName("console-dead-letters");
        return new DeadLetterConsumer(listener);
    }

    /**
     * The dead-letter topics of topics the console does not consume itself (messaging declares those of the ones it
     * does), declared as their owners declare them, so that the console can subscribe before its owner has started.
     */
    @Bean
    @ConditionalOnBooleanProperty(name = "orderflow.messaging.topics.declare", matchIfMissing = true)
    KafkaAdmin.NewTopics deadLetterTopicsOfOthers(MessagingProperties settings, ObjectProvider<MessageHandler<?>> handlers) {
        Set<String> declaredByMessaging = handlers.orderedStream().map(handler -> Topics.deadLetter(handler.topic()))
                .collect(Collectors.toSet());
        String maxBytes = String.valueOf(settings.topics().deadLetterMaxMessageSize().toBytes());
        return new KafkaAdmin.NewTopics(DEAD_LETTER_TOPICS.stream().filter(topic -> !declaredByMessaging.contains(topic))
                .map(topic -> {
                    TopicBuilder builder = TopicBuilder.name(topic).partitions(settings.topics().partitions())
                            .config(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, maxBytes);
                    if (settings.topics().replicas() > 0) {
                        builder.replicas(settings.topics().replicas());
                    }
                    return builder.build();
                })
                .toArray(NewTopic[]::new));
    }

    /** The container, started and stopped with the application. */
    static final class DeadLetterConsumer implements SmartLifecycle {

        private final KafkaMessageListenerContainer<String, byte[]> container;

        DeadLetterConsumer(KafkaMessageListenerContainer<String, byte[]> container) {
            this.container = container;
        }

        @Override
        public void start() {
            container.start();
        }

        @Override
        public void stop() {
            container.stop();
        }

        @Override
        public boolean isRunning() {
            return container.isRunning();
        }
    }
}
