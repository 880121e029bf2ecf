package dev.orderflow.messaging;

import dev.orderflow.events.Topics;
import dev.orderflow.events.wire.MalformedMessageException;
import dev.orderflow.messaging.deadletter.DeadLetterProducer;
import dev.orderflow.messaging.deadletter.DeadLetters;
import dev.orderflow.messaging.deadletter.DeadLettersEndpoint;
import dev.orderflow.messaging.envelope.CurrentTrace;
import dev.orderflow.messaging.envelope.InvalidEnvelopeException;
import dev.orderflow.messaging.housekeeping.Housekeeping;
import dev.orderflow.messaging.inbox.Inbox;
import dev.orderflow.messaging.inbox.MessageConsumers;
import dev.orderflow.messaging.kafka.KafkaClientSettings;
import dev.orderflow.messaging.kafka.KafkaHealthIndicator;
import dev.orderflow.messaging.metrics.MessagingMetrics;
import dev.orderflow.messaging.outbox.LeaderConnectionFactory;
import dev.orderflow.messaging.outbox.OutboxRelay;
import dev.orderflow.messaging.outbox.OutboxStore;
import dev.orderflow.messaging.schema.MessagingSchema;
import dev.orderflow.messaging.tracing.HandlingObservations;
import dev.orderflow.messaging.tracing.MicrometerCurrentTrace;
import dev.orderflow.messaging.tracing.MicrometerRelayTracing;
import dev.orderflow.messaging.tracing.RelayTracing;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Wires the outbox, its relay, the consumers of the {@link MessageHandler} beans, dead letters and housekeeping.
 * Messaging's schema is migrated first: every bean touching its tables depends on {@link MessagingSchema}.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
        "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnBean({DataSource.class, KafkaProperties.class})
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingAutoConfiguration {

    /** Header of a dead letter whose value was cut to fit: the original value's size in bytes. */
    public static final String TRUNCATED_FROM_HEADER = "orderflow_dlt-truncated-from-bytes";
    static final int TRUNCATED_VALUE_BYTES = 64 * 1024;


    private static final Logger log = LoggerFactory.getLogger(MessagingAutoConfiguration.class);

    @Bean
    MessagingSchema messagingSchema(DataSource dataSource) {
        return MessagingSchema.migrate(dataSource);
    }

    @Bean
    @ConditionalOnMissingBean
    MessagingMetrics messagingMetrics(ObjectProvider<MeterRegistry> registry) {
        return new MessagingMetrics(registry.getIfUnique(SimpleMeterRegistry::new));
    }

    @Bean
    @ConditionalOnMissingBean
    OutboxStore outboxStore(DataSource dataSource, MessagingProperties properties, MessagingSchema schema) {
        return new OutboxStore(new JdbcTemplate(dataSource), properties.relay().notifyOnCommit());
    }

    @Bean
    @ConditionalOnMissingBean
    Outbox outbox(OutboxStore store, MessagingProperties properties, Environment environment,
            ObjectProvider<CurrentTrace> currentTrace) {
        return new Outbox(store, source(properties, environment), currentTrace.getIfAvailable(() -> CurrentTrace.NONE),
                Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    KafkaClientSettings messagingKafkaClientSettings(KafkaProperties kafkaProperties,
            ObjectProvider<KafkaConnectionDetails> connectionDetails, Environment environment) {
        KafkaConnectionDetails details = connectionDetails.getIfAvailable(() -> kafkaProperties::getBootstrapServers);
        return new KafkaClientSettings(kafkaProperties, details, applicationName(environment));
    }

    @Bean
    @ConditionalOnMissingBean
    LeaderConnectionFactory outboxLeaderConnectionFactory(ObjectProvider<JdbcConnectionDetails> connectionDetails,
            DataSource dataSource, Environment environment) {
        String applicationName = applicationName(environment) + "-outbox-relay";
        JdbcConnectionDetails details = connectionDetails.getIfAvailable();
        if (details != null) {
            return LeaderConnectionFactory.of(details.getJdbcUrl(), details.getUsername(), details.getPassword(),
                    applicationName);
        }
        log.warn("No JdbcConnectionDetails: the outbox relay holds a connection of the application's pool while active");
        return dataSource::getConnection;
    }

    @Bean
    @ConditionalOnProperty(prefix = "orderflow.messaging.relay", name = "enabled", matchIfMissing = true)
    OutboxRelay outboxRelay(LeaderConnectionFactory connections, KafkaClientSettings kafka,
            MessagingProperties properties, MessagingMetrics metrics, MessagingSchema schema,
            ObjectProvider<RelayTracing> tracing) {
        MessagingProperties.Relay relay = properties.relay();
        String name = "orderflow-outbox-relay";
        return new OutboxRelay(name, connections,
                () -> new KafkaProducer<>(kafka.relayProducer(name, relay.linger(), relay.sendTimeout()),
                        new StringSerializer(), new ByteArraySerializer()),
                relay, metrics, tracing.getIfUnique(() -> RelayTracing.NONE));
    }

    @Bean
    Housekeeping messagingHousekeeping(DataSource dataSource, MessagingProperties properties,
            MessagingMetrics metrics, MessagingSchema schema) {
        return new Housekeeping(new JdbcTemplate(dataSource), properties.housekeeping(), metrics);
    }

    @Bean
    DeadLetterProducer deadLetterProducer(KafkaClientSettings kafka, MessagingProperties properties) {
        Map<String, Object> config = kafka.producer();
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                (int) properties.topics().deadLetterMaxMessageSize().toBytes());
        return new DeadLetterProducer(config);
    }

    /** Each message's handling observed, and the work it leaves to background workers (a span each, with a tracer). */
    @Bean
    HandlingObservations handlingObservations(ObjectProvider<ObservationRegistry> observations) {
        return new HandlingObservations(observations.getIfUnique(() -> ObservationRegistry.NOOP));
    }

    @Bean
    @ConditionalOnProperty(prefix = "orderflow.messaging.consumer", name = "enabled", matchIfMissing = true)
    MessageConsumers messageConsumers(ObjectProvider<MessageHandler<?>> handlers, KafkaClientSettings kafka,
            DeadLetterProducer deadLetterProducer, DataSource dataSource, PlatformTransactionManager transactionManager,
            MessagingProperties properties, MessagingMetrics metrics, Environment environment,
            ApplicationContext context, MessagingSchema schema, HandlingObservations observations) {
        List<MessageHandler<?>> all = handlers.orderedStream().toList();
        String groupId = properties.consumer().groupId().isBlank()
                ? requiredApplicationName(environment, all)
                : properties.consumer().groupId();
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = containerFactory(kafka, groupId,
                deadLetterProducer, properties.consumer(), metrics, context);
        return new MessageConsumers(all, factory, groupId, new Inbox(new JdbcTemplate(dataSource)),
                new TransactionTemplate(transactionManager), metrics, properties.consumer().transactionSize(),
                observations);
    }

    /**
     * Batch listeners (a poll's records handled in chunks of {@code transaction-size} per transaction), offsets of
     * handled records committed every {@code commit-interval} (a crash redelivers at most that much, which the inbox
     * dedupes). The listener names the record that failed ({@code BatchListenerFailedException}): it is retried with
     * exponential backoff (in memory, without a seek), then dead-lettered with the original headers plus the cause;
     * a record that can never succeed goes there at once. The records before it keep their commits and offsets.
     */
    private static ConcurrentKafkaListenerContainerFactory<String, byte[]> containerFactory(KafkaClientSettings kafka,
            String groupId, DeadLetterProducer deadLetterProducer, MessagingProperties.Consumer settings,
            MessagingMetrics metrics, ApplicationContext context) {
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(kafka.consumer(groupId)));
        factory.setConcurrency(settings.concurrency());
        factory.setApplicationContext(context);
        factory.setBatchListener(true);
        ContainerProperties container = factory.getContainerProperties();
        if (settings.commitInterval().isZero()) {
            container.setAckMode(ContainerProperties.AckMode.BATCH);
        }
        else {
            // Handled records' offsets are committed together at most this often (and when partitions are revoked
            // or the container stops); what a crash redelivers the inbox drops.
            container.setAckMode(ContainerProperties.AckMode.TIME);
            container.setAckTime(settings.commitInterval().toMillis());
        }
        // spring-kafka observes record listeners only; the outbox continues the handled message's traceparent.

        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(deadLetterProducer.template(),
                (record, exception) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        ConsumerRecordRecoverer countingDeadLetters = (record, exception) -> {
            deadLetterEvenIfTooLarge(deadLetters, record, failureOf(exception, groupId));
            metrics.deadLettered(record.topic());
        };
        // An observer's recoverer only ever sees messages that can never be handled: it retries the rest for ever.
        ConsumerRecordRecoverer skippingPoison = (record, exception) -> {
            log.warn("Skipping {}-{}@{}, which can never be handled: {} (its owner's consumer dead-letters it)",
                    record.topic(), record.partition(), record.offset(), failureOf(exception, groupId).getMessage());
            metrics.poisonSkipped(record.topic());
        };
        ExponentialBackOff backOff = new ExponentialBackOff(settings.initialBackoff().toMillis(),
                settings.backoffMultiplier());
        backOff.setMaxInterval(settings.maxBackoff().toMillis());
        if (settings.deadLetter()) {
            backOff.setMaxElapsedTime(settings.maxRetryTime().toMillis());
        }
        DefaultErrorHandler errorHandler = new DefaultErrorHandler(
                settings.deadLetter() ? countingDeadLetters : skippingPoison, backOff);
        // The failed record and those after it are kept by the container and handed to the listener again, instead
        // of seeking back to them: a seek discards what the consumer has fetched and makes its next fetch wait for
        // the one the broker holds (fetch.max.wait.ms), so a retry would wait that long for records it already has.
        errorHandler.setSeekAfterError(false);
        errorHandler.addNotRetryableExceptions(InvalidEnvelopeException.class, MalformedMessageException.class,
                PoisonMessageException.class);
        factory.setCommonErrorHandler(errorHandler);
        return factory;
    }

    /**
     * Dead-letters {@code record}; if even the dead-letter topic refuses it as too large (a topic whose limit was
     * raised above the dead-letter topic's), dead-letters it with its value cut to {@value #TRUNCATED_VALUE_BYTES}
     * bytes and its original size in a header. A dead letter that cannot be written would otherwise be retried for
     * ever and block its partition.
     */
    static void deadLetterEvenIfTooLarge(DeadLetterPublishingRecoverer deadLetters, ConsumerRecord<?, ?> record,
            Exception failure) {
        try {
            deadLetters.accept(record, failure);
        } catch (RuntimeException refused) {
            if (!(record.value() instanceof byte[] value) || !causedBy(refused, RecordTooLargeException.class)) {
                throw refused;
            }
            log.warn("Dead letter {}-{}@{} of {} bytes is too large for its dead-letter topic; writing its first {} "
                    + "bytes", record.topic(), record.partition(), record.offset(), value.length, TRUNCATED_VALUE_BYTES);
            RecordHeaders headers = new RecordHeaders(record.headers().toArray());
            headers.add(TRUNCATED_FROM_HEADER, String.valueOf(value.length).getBytes(StandardCharsets.UTF_8));
            deadLetters.accept(new ConsumerRecord<>(record.topic(), record.partition(), record.offset(),
                    record.timestamp(), record.timestampType(), record.serializedKeySize(), TRUNCATED_VALUE_BYTES,
                    record.key(), Arrays.copyOf(value, Math.min(value.length, TRUNCATED_VALUE_BYTES)), headers,
                    Optional.empty()), failure);
        }
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /**
     * What the dead letter should name as its cause: the handler's or the codec's exception, not the
     * {@code BatchListenerFailedException} that only told the error handler which record of the poll failed; with the
     * consumer group, which the dead letter records as the one that gave up on it (and replays it).
     */
    static Exception failureOf(Exception exception, String groupId) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof BatchListenerFailedException failed && failed.getCause() != null) {
                return new ListenerExecutionFailedException(failed.getCause().getMessage(), groupId,
                        failed.getCause());
            }
        }
        if (exception instanceof ListenerExecutionFailedException failed) {
            return failed.getGroupId() != null ? failed
                    : new ListenerExecutionFailedException(failed.getMessage(), groupId, failed.getCause());
        }
        return new ListenerExecutionFailedException(exception.getMessage(), groupId, exception);
    }

    @Bean
    @ConditionalOnProperty(prefix = "orderflow.messaging.topics", name = "declare", matchIfMissing = true)
    KafkaAdmin.NewTopics orderflowTopics(MessagingProperties properties, ObjectProvider<MessageHandler<?>> handlers) {
        MessagingProperties.Topics settings = properties.topics();
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : Topics.ALL) {
            TopicBuilder builder = topic(topic, settings);
            if (topic.equals(Topics.INVENTORY_PRODUCTS)) {
                builder.compact();
            }
            topics.add(builder.build());
        }
        String deadLetterMaxBytes = String.valueOf(settings.deadLetterMaxMessageSize().toBytes());
        handlers.orderedStream().map(MessageHandler::topic).distinct()
                .forEach(topic -> topics.add(topic(Topics.deadLetter(topic), settings)
                        .config(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, deadLetterMaxBytes).build()));
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    private static TopicBuilder topic(String name, MessagingProperties.Topics settings) {
        TopicBuilder builder = TopicBuilder.name(name).partitions(settings.partitions());
        if (settings.replicas() > 0) {
            builder.replicas(settings.replicas());
        }
        return builder;
    }

    @Bean
    @ConditionalOnMissingBean
    DeadLetters deadLetters(KafkaClientSettings kafka, DeadLetterProducer producer, DataSource dataSource,
            ObjectProvider<MessageHandler<?>> handlers, MessagingSchema schema) {
        List<String> deadLetterTopics = handlers.orderedStream().map(handler -> Topics.deadLetter(handler.topic()))
                .distinct().toList();
        return new DeadLetters(kafka.reader(), producer::producer, new JdbcTemplate(dataSource), deadLetterTopics,
                Duration.ofSeconds(30));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Endpoint.class)
    static class DeadLettersEndpointConfiguration {

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnAvailableEndpoint
        DeadLettersEndpoint deadLettersEndpoint(DeadLetters deadLetters) {
            return new DeadLettersEndpoint(deadLetters);
        }
    }

    /** The {@code kafka} health component the services' readiness groups include. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(AbstractHealthIndicator.class)
    static class KafkaHealthConfiguration {

        @Bean("kafka")
        @ConditionalOnMissingBean(name = "kafka")
        @ConditionalOnEnabledHealthIndicator("kafka")
        KafkaHealthIndicator kafkaHealthIndicator(KafkaClientSettings kafka) {
            return new KafkaHealthIndicator(kafka.admin("health"), KafkaHealthIndicator.DEFAULT_TIMEOUT);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Tracer.class)
    static class TracingConfiguration {

        @Bean
        @ConditionalOnMissingBean
        CurrentTrace micrometerCurrentTrace(ObjectProvider<Tracer> tracer) {
            return new MicrometerCurrentTrace(tracer);
        }

        /** The relay's span per message, from its append to the broker's acknowledgement. */
        @Bean
        @ConditionalOnMissingBean
        RelayTracing micrometerRelayTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
            return new MicrometerRelayTracing(tracer, propagator);
        }
    }

    static String source(MessagingProperties properties, Environment environment) {
        if (!properties.source().isBlank()) {
            return properties.source();
        }
        return "/orderflow/" + applicationName(environment);
    }

    private static String applicationName(Environment environment) {
        return environment.getProperty("spring.application.name", "application");
    }

    private static String requiredApplicationName(Environment environment, List<MessageHandler<?>> handlers) {
        String name = environment.getProperty("spring.application.name");
        if ((name == null || name.isBlank()) && !handlers.isEmpty()) {
            throw new IllegalStateException("spring.application.name is the consumer group of the MessageHandlers "
                    + "(and the key of their inbox): set it, or orderflow.messaging.consumer.group-id");
        }
        return name == null ? "application" : name;
    }
}
