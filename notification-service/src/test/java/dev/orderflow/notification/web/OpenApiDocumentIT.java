package dev.orderflow.notification.web;

import dev.orderflow.localstack.contract.CommittedApiDocument;
import dev.orderflow.notification.support.NotificationServiceIT;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

/** The REST API notification-service serves is the one committed in docs/openapi/notification-service.json. */
class OpenApiDocumentIT extends NotificationServiceIT {

    @LocalServerPort
    int port;

    @Test
    void servesTheCommittedOpenApiDocument() {
        String served = RestClient.create("http://127.0.0.1:" + port).get().uri("/v3/api-docs")
                .retrieve().body(String.class);

        CommittedApiDocument.of("notification-service").check(served);
    }
}
