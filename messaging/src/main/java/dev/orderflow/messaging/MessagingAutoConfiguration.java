package dev.orderflow.messaging;

import dev.orderflow.messaging.envelope.CurrentTrace;
import dev.orderflow.messaging.outbox.OutboxStore;
import dev.orderflow.messaging.schema.MessagingSchema;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Clock;

/** Wires the outbox, its relay, the consumers of the {@link MessageHandler} beans and their housekeeping. */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
        "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingAutoConfiguration {

    @Bean
    MessagingSchema messagingSchema(DataSource dataSource) {
        return MessagingSchema.migrate(dataSource);
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

    static String source(MessagingProperties properties, Environment environment) {
        if (!properties.source().isBlank()) {
            return properties.source();
        }
        return "/orderflow/" + environment.getProperty("spring.application.name", "application");
    }
}
