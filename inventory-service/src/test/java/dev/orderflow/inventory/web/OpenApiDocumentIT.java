package dev.orderflow.inventory.web;

import dev.orderflow.inventory.InventoryIntegrationTest;
import dev.orderflow.localstack.contract.CommittedApiDocument;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The REST API inventory-service serves is the one committed in docs/openapi/inventory-service.json. */
@InventoryIntegrationTest
class OpenApiDocumentIT {

    @Autowired
    MockMvc mvc;

    @Test
    void servesTheCommittedOpenApiDocument() throws Exception {
        String served = mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        CommittedApiDocument.of("inventory-service").check(served);
    }
}
