package dev.orderflow.order;

import dev.orderflow.localstack.contract.CommittedApiDocument;
import dev.orderflow.order.support.Api;
import dev.orderflow.order.support.OrderServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The REST API order-service serves is the one committed in docs/openapi/order-service.json. */
@OrderServiceIntegrationTest
class OpenApiDocumentIT {

    @Autowired
    Api api;

    @Test
    void servesTheCommittedOpenApiDocument() {
        Api.Response served = api.get("/v3/api-docs");

        assertThat(served.status()).isEqualTo(200);
        CommittedApiDocument.of("order-service").check(served.body());
    }
}
