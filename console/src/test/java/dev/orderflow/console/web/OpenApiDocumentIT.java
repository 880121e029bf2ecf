package dev.orderflow.console.web;

import dev.orderflow.console.support.ConsoleIT;
import dev.orderflow.localstack.contract.CommittedApiDocument;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

/** The REST API the console serves is the one committed in docs/openapi/console.json. */
class OpenApiDocumentIT extends ConsoleIT {

    @LocalServerPort
    int port;

    @Test
    void servesTheCommittedOpenApiDocument() {
        String served = RestClient.create("http://127.0.0.1:" + port).get().uri("/v3/api-docs")
                .retrieve().body(String.class);

        CommittedApiDocument.of("console").check(served);
    }
}
