package dev.orderflow.payment.config;

import dev.orderflow.events.Money;
import dev.orderflow.messaging.work.WorkQueue;
import dev.orderflow.payment.domain.FraudRules;
import dev.orderflow.payment.domain.FraudScreen;
import dev.orderflow.payment.domain.PaymentHistory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;

/**
 * Beans of payment-service that are not components of one feature: its settings, what the domain needs from
 * outside (the clock, the fraud rules with their settings), the charge workers' queue, and scheduling.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PaymentProperties.class)
@EnableScheduling
class PaymentServiceConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The payments the charge workers are to charge (or to close); see V4__charge_queue.sql. */
    @Bean
    WorkQueue chargeQueue(JdbcTemplate jdbc, Clock clock) {
        return new WorkQueue("charge_queue", jdbc, clock);
    }

    @Bean
    FraudScreen fraudScreen(PaymentProperties properties, PaymentHistory history, Clock clock) {
        PaymentProperties.Fraud fraud = properties.fraud();
        return new FraudRules(new Money(fraud.maxAmount(), "EUR"), fraud.maxPaymentsPerCustomerPerMinute(), history,
                clock);
    }
}
