package dev.orderflow.messaging.it;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;

import static org.assertj.core.api.Assertions.assertThat;

@MessagingIntegrationTest
class KafkaHealthIT {

    @Autowired
    HealthContributorRegistry registry;
    @Autowired
    HealthEndpoint endpoint;

    @Test
    void kafkaHealthComponentIsUpWithTheClusterItReached() {
        assertThat(endpoint.healthForPath("kafka")).as("kafka in the health endpoint").isNotNull()
                .extracting(HealthDescriptor::getStatus).isEqualTo(Status.UP);

        Health health = ((HealthIndicator) registry.getContributor("kafka")).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat((String) health.getDetails().get("clusterId")).isNotBlank();
        assertThat((Integer) health.getDetails().get("nodes")).isPositive();
    }
}
