package dev.orderflow.deployment;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The rule that decides whether an environment variable is a setting, on examples with known answers. */
class EmbeddedConfigurationTest {

    @Test
    void environmentNamesAreBootsTwoSpellings() {
        assertThat(EmbeddedConfiguration.environmentNames("orderflow.payment.psp.base-url"))
                .containsExactly("ORDERFLOW_PAYMENT_PSP_BASEURL", "ORDERFLOW_PAYMENT_PSP_BASE_URL");
        assertThat(EmbeddedConfiguration.environmentNames("spring.kafka.bootstrap-servers"))
                .contains("SPRING_KAFKA_BOOTSTRAP_SERVERS");
        assertThat(EmbeddedConfiguration.environmentNames("a.list[2].item")).contains("A_LIST_2_ITEM");
    }

    @Test
    void kafkaClientPropertiesMustBeSettingsKafkaKnows() {
        assertThat(List.of("SPRING_KAFKA_SECURITY_PROTOCOL", "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM",
                "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", "SPRING_KAFKA_PROPERTIES_SSL_TRUSTSTORE_CERTIFICATES"))
                .allMatch(EmbeddedConfiguration::isKafkaClientSetting);
        assertThat(List.of("SPRING_KAFKA_PROPERTIES_SASL_JASS_CONFIG", "SPRING_KAFKA_PROPERTIES_COLOUR",
                "SPRING_KAFKA_SECURITY_PROTOCOLS", "SPRING_KAFKA_SASL_MECHANISM"))
                .noneMatch(EmbeddedConfiguration::isKafkaClientSetting);
    }

    @Test
    void recordsArePropertyNamesNestedRecordsAreFollowedAndCollectionsAreOpen() {
        String source = """
                package x;
                /** Settings; a comment with a (parenthesis and "a quote. */
                @Validated
                @ConfigurationProperties(prefix = "orderflow.sample")
                public record SampleProperties(
                        @NotNull @DefaultValue("http://localhost:8090") URI baseUrl, // "http://" is no comment
                        @Valid @DefaultValue Relay relay,
                        Map<String, Duration> timeouts,
                        List<String> hosts) {
                    public record Relay(@DefaultValue("true") boolean enabled, @Min(1) @Max(10_000) int batchSize) {
                    }
                }
                """;
        var bindings = new ConfigurationPropertiesSource(List.of(source)).bindings();

        assertThat(bindings.keys()).containsExactlyInAnyOrder("orderflow.sample.base-url",
                "orderflow.sample.relay.enabled", "orderflow.sample.relay.batch-size");
        assertThat(bindings.openPrefixes()).containsExactlyInAnyOrder("orderflow.sample.timeouts",
                "orderflow.sample.hosts");
        assertThat(bindings.defaults()).containsEntry("orderflow.sample.base-url", "http://localhost:8090")
                .containsEntry("orderflow.sample.relay.enabled", "true")
                .doesNotContainKey("orderflow.sample.relay.batch-size");
    }

    @Test
    void aPropertiesClassThatIsNoRecordBindsEverythingBelowItsPrefix() {
        String source = """
                @ConfigurationProperties("orderflow.legacy")
                public class LegacyProperties { private String name; }
                """;

        assertThat(new ConfigurationPropertiesSource(List.of(source)).bindings().openPrefixes())
                .containsExactly("orderflow.legacy");
    }

    @Test
    void paymentServiceAcceptsItsOwnSettingsAndRejectsOthers() {
        EmbeddedConfiguration payment = EmbeddedConfiguration.of("payment-service");

        assertThat(payment.accepts("SPRING_DATASOURCE_URL")).isTrue();
        assertThat(payment.accepts("ORDERFLOW_PAYMENT_PSP_BASE_URL")).isTrue();
        assertThat(payment.accepts("ORDERFLOW_MESSAGING_TOPICS_DECLARE")).as("from messaging's properties").isTrue();
        assertThat(payment.accepts("ORDERFLOW_PAYMENT_PSP_BASE_URI")).as("a typo").isFalse();
        assertThat(payment.accepts("ORDERFLOW_NOTIFICATION_PROVIDER_BASE_URL")).as("another service's").isFalse();
        assertThat(payment.keysToOverride(List.of())).contains("spring.datasource.password",
                "spring.kafka.bootstrap-servers", "orderflow.payment.psp.base-url");
    }
}
