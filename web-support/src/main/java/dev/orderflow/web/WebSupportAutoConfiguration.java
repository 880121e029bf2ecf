package dev.orderflow.web;

import dev.orderflow.web.security.ProblemAnswers;
import dev.orderflow.web.security.ResourceServer;
import dev.orderflow.web.security.SecurityProblemsAdvice;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.coyote.http11.Http11NioProtocol;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;

/** The request-body limit of every service's REST API (and its actuator), and the resource server's shared part. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(WebProperties.class)
public class WebSupportAutoConfiguration {

    static final long IDLE_POLLER_WAIT_MS = 5_000;

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimit(WebProperties properties,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestBodyLimitFilter(properties.maxRequestBody().toBytes(), errors));
        // Before anything that could read the body.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** For a service with Spring Security's resource server on its class path: the part every service shares. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.security.oauth2.server.resource.authentication."
            + "JwtAuthenticationConverter")
    static class ResourceServerSupport {

        @Bean
        ResourceServer resourceServer(@Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors) {
            return ResourceServer.answeringThrough(errors);
        }

        /** Spring Security's firewall refusals (picked up by its web security configuration). */
        @Bean
        RequestRejectedHandler requestRejectedAsAProblem(
                @Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors) {
            return new ProblemAnswers(errors);
        }

        @Bean
        SecurityProblemsAdvice securityProblemsAdvice() {
            return new SecurityProblemsAdvice();
        }

        /**
         * None of Spring Security's own observations: by default it times each of its filters and every
         * authentication and authorization, a dozen observations per request (docs/benchmarks.md measured them in
         * the order {@code POST}), where {@code http.server.requests} already times every request and counts its
         * 401 and 403 answers. A service that wants them declares its own settings.
         */
        @Bean
        @ConditionalOnMissingBean
        SecurityObservationSettings noSecurityObservations() {
            return SecurityObservationSettings.noObservations();
        }
    }

    /** The embedded Tomcat's connector settings. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(TomcatConnectorCustomizer.class)
    static class TomcatSettings {

        /**
         * Tomcat answers {@code Expect: 100-continue} only once the service reads the body, not on the headers alone:
         * a body the limit refuses unread is then never sent, instead of arriving at a connection that is closing.
         */
        @Bean
        TomcatConnectorCustomizer continueOnlyWhenTheBodyIsRead() {
            return connector -> {
                if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
                    http.setContinueResponseTiming("onRead");
                }
            };
        }

        /**
         * The connector's poller waits up to 5 s for socket events (Tomcat's 1 s): it wakes at once for every
         * request, so only an idle service notices, which no longer wakes every second; idle keep-alive connections
         * are closed up to 5 s after their timeout instead of 1 s.
         */
        @Bean
        TomcatConnectorCustomizer quietPoller() {
            return connector -> {
                if (connector.getProtocolHandler() instanceof Http11NioProtocol nio) {
                    nio.setSelectorTimeout(IDLE_POLLER_WAIT_MS);
                }
            };
        }
    }
}
