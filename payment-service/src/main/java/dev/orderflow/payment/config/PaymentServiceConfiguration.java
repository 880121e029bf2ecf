package dev.orderflow.payment.config;

import dev.orderflow.payment.cashier.PaymentScreening;
import dev.orderflow.screening.ScreeningModel;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.orderflow.events.Money;
import dev.orderflow.messaging.work.WorkQueue;
import dev.orderflow.payment.domain.FraudRules;
import dev.orderflow.payment.domain.FraudScreen;
import dev.orderflow.payment.domain.PaymentHistory;
import dev.orderflow.web.security.ResourceServer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import java.time.Clock;

/**
 * Beans of payment-service that are not components of one feature: its settings, what the domain needs from
 * outside (the clock, the fraud rules with their settings, the screening model), the charge workers' queue,
 * scheduling, and who may call what.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PaymentProperties.class)
@EnableScheduling
class PaymentServiceConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PaymentServiceConfiguration.class);

    /**
     * A customer reads its own payments and account (which are its own is the controllers' to decide); setting a
     * credit limit, and everything else, is an administrator's.
     */
    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ResourceServer resourceServer) {
        return resourceServer.apply(http)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, "/api/payments", "/api/accounts/*")
                        .hasAnyAuthority(ResourceServer.CUSTOMER_OR_ADMIN)
                        .anyRequest().hasAnyAuthority(ResourceServer.ADMIN))
                .build();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The payments the charge workers are to charge (or to close); see V4__charge_queue.sql. */
    @Bean
    WorkQueue chargeQueue(JdbcTemplate jdbc, Clock clock) {
        return new WorkQueue("charge_queue", jdbc, clock);
    }

    /**
     * The screening model, loaded (and checked against the features this code computes) at start: a missing, broken or
     * mismatched model stops the service instead of letting payments through unscreened.
     */
    @Bean
    ScreeningModel screeningModel(PaymentProperties properties) {
        PaymentProperties.Screening screening = properties.screening();
        ScreeningModel model = screening.model() == null
                ? ScreeningModel.packaged(PaymentServiceConfiguration.class.getClassLoader(), screening.version())
                : ScreeningModel.load(screening.model(), screening.version());
        log.info("Screening payments with model {} (threshold {}, held-out precision {} / recall {}), mode {}",
                model.card().version(), model.card().threshold(), model.card().model().precision(),
                model.card().model().recall(), screening.mode());
        return model;
    }

    @Bean
    PaymentScreening paymentScreening(ScreeningModel model, PaymentProperties properties, FraudScreen rules,
            MeterRegistry meters) {
        return new PaymentScreening(model, properties.screening().mode(), rules, meters);
    }

    @Bean
    FraudScreen fraudScreen(PaymentProperties properties, PaymentHistory payments) {
        PaymentProperties.Fraud fraud = properties.fraud();
        return new FraudRules(new Money(fraud.maxAmount(), "EUR"), fraud.maxPaymentsPerCustomerPerMinute(), payments);
    }
}
