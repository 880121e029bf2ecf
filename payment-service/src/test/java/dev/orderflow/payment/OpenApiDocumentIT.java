package dev.orderflow.payment;

import dev.orderflow.localstack.contract.CommittedApiDocument;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/** The REST API payment-service serves is the one committed in docs/openapi/payment-service.json. */
class OpenApiDocumentIT extends PaymentServiceIntegrationTest {

    @Test
    void servesTheCommittedOpenApiDocument() {
        String served = RestClient.create("http://127.0.0.1:" + port).get().uri("/v3/api-docs")
                .retrieve().body(String.class);

        CommittedApiDocument.of("payment-service").check(served);
    }
}
