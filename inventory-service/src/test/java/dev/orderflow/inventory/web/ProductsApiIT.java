package dev.orderflow.inventory.web;

import dev.orderflow.events.Money;
import dev.orderflow.events.Topics;
import dev.orderflow.events.inventory.ProductUpdated;
import dev.orderflow.inventory.InventoryIntegrationTest;
import dev.orderflow.inventory.KafkaTestClient;
import dev.orderflow.inventory.KafkaTestClient.TopicProbe;
import dev.orderflow.web.security.ResourceServer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static dev.orderflow.inventory.InventoryTestData.aSku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.anonymous;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The REST API on the real database, and the catalog events it leaves on {@code inventory.products}. */
@InventoryIntegrationTest
class ProductsApiIT {

    private static TopicProbe catalogTopic;

    @Autowired
    MockMvc mvc;

    @BeforeAll
    static void listenToTheCatalog() {
        catalogTopic = new TopicProbe(Topics.INVENTORY_PRODUCTS);
    }

    @AfterAll
    static void stopListening() {
        catalogTopic.close();
    }

    @Test
    void createsAProductAndShowsIt() throws Exception {
        String sku = aSku();

        create(sku, "12.30", 7)
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", endsWith("/api/products/" + sku)))
                .andExpect(jsonPath("$.sku").value(sku))
                .andExpect(jsonPath("$.price.amount").value("12.30"))
                .andExpect(jsonPath("$.price.currency").value("EUR"))
                .andExpect(jsonPath("$.available").value(7));

        mvc.perform(get("/api/products/{sku}", sku))
                .andExpect(status().isOk())
                .andExpect(content().json("""
                        {"sku":"%s","name":"Moka pot","price":{"amount":"12.30","currency":"EUR"},
                         "available":7,"reserved":0,"sold":0}""".formatted(sku), true));
        mvc.perform(get("/api/products"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].sku", hasItem(sku)));
    }

    @Test
    void refusesASecondProductWithTheSameSku() throws Exception {
        String sku = aSku();
        create(sku, "12.30", 7).andExpect(status().isCreated());

        create(sku, "99.00", 1)
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail", containsString(sku)));

        mvc.perform(get("/api/products/{sku}", sku))
                .andExpect(jsonPath("$.price.amount").value("12.30"))
                .andExpect(jsonPath("$.available").value(7));
    }

    @Test
    void restockAddsToAvailableStockAndTheLedger() throws Exception {
        String sku = aSku();
        create(sku, "5.00", 3).andExpect(status().isCreated());

        restock(sku, "{\"quantity\": 1000000}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.available").value(1_000_003));

        mvc.perform(get("/api/products/{sku}/movements", sku))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].type", contains("RESTOCK", "RESTOCK")))
                .andExpect(jsonPath("$[*].quantity", contains(3, 1_000_000)));
    }

    @Test
    void answersNotFoundForAnUnknownSku() throws Exception {
        String sku = aSku();
        mvc.perform(get("/api/products/{sku}", sku))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail", containsString(sku)));
        restock(sku, "{\"quantity\": 5}").andExpect(status().isNotFound());
        mvc.perform(get("/api/products/{sku}/movements", sku)).andExpect(status().isNotFound());
        assertNotStored(sku);
    }

    /** Bodies written with single quotes for legibility; {@code %s} is a fresh SKU. */
    static Stream<Arguments> badProducts() {
        String price = price("'1.00'", "EUR");
        return Stream.of(
                bad("malformed JSON", "{'sku': '%s'"),
                bad("an array for an object", "[]"),
                bad("no price", "{'sku': '%s', 'name': 'n', 'initialStock': 1}"),
                bad("no initial stock", "{'sku': '%s', 'name': 'n', 'price': " + price + "}"),
                bad("a blank name", "' '", price, "1"),
                bad("a price not an object", "'n'", "'1.00'", "1"),
                bad("a negative price", "'n'", price("'-1.00'", "EUR"), "1"),
                bad("a zero price", "'n'", price("'0'", "EUR"), "1"),
                bad("three decimals", "'n'", price("'1.001'", "EUR"), "1"),
                bad("an absurd amount", "'n'", price("'1e400'", "EUR"), "1"),
                bad("an amount not a number", "'n'", price("'cheap'", "EUR"), "1"),
                bad("a lower-case currency", "'n'", price("'1.00'", "eur"), "1"),
                bad("another currency", "'n'", price("'1.00'", "USD"), "1"),
                bad("no currency at all", "'n'", price("'1.00'", "XYZ"), "1"),
                bad("negative stock", "'n'", price, "-1"),
                bad("fractional stock", "'n'", price, "1.5"),
                bad("stock beyond int", "'n'", price, "99999999999"),
                bad("stock above the limit", "'n'", price, "1000001"),
                bad("stock as text", "'n'", price, "'lots'"),
                bad("stock as boolean", "'n'", price, "true"));
    }

    private static Arguments bad(String what, String name, String price, String initialStock) {
        return bad(what, "{'sku': '%s', 'name': " + name + ", 'price': " + price + ", 'initialStock': "
                + initialStock + "}");
    }

    private static Arguments bad(String what, String body) {
        return Arguments.of(what, body.replace('\'', '"'));
    }

    private static String price(String amount, String currency) {
        return "{'amount': " + amount + ", 'currency': '" + currency + "'}";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badProducts")
    void refusesABadProductAndStoresNothing(String what, String template) throws Exception {
        String sku = aSku();

        mvc.perform(post("/api/products").contentType(MediaType.APPLICATION_JSON).content(template.formatted(sku)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.detail").isNotEmpty())
                .andExpect(jsonPath("$.detail", not(containsString("tools.jackson"))))
                .andExpect(jsonPath("$.detail", not(containsString("java."))));

        assertNotStored(sku);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "sku-lower", "-DASH-FIRST", "SPACE IN", "ÄÖÜ", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456"})
    void refusesAMalformedSku(String sku) throws Exception {
        mvc.perform(post("/api/products").contentType(MediaType.APPLICATION_JSON).content("""
                        {"sku": "%s", "name": "n", "price": {"amount": "1.00", "currency": "EUR"}, "initialStock": 1}
                        """.formatted(sku)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("sku"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"quantity\": 0}", "{\"quantity\": -5}", "{\"quantity\": 1000001}",
            "{\"quantity\": 2.5}", "{\"quantity\": 1e10}", "{\"quantity\": 99999999999}", "{\"quantity\": \"x\"}",
            "{\"quantity\": null}", "{\"quantity\":", "nonsense"})
    void refusesABadRestockAndChangesNothing(String body) throws Exception {
        String sku = aSku();
        create(sku, "5.00", 3).andExpect(status().isCreated());

        restock(sku, body)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

        mvc.perform(get("/api/products/{sku}", sku)).andExpect(jsonPath("$.available").value(3));
    }

    @Test
    void saysWhatIsWrongWithABadRequest() throws Exception {
        String sku = aSku();
        create(sku, "5.00", 3).andExpect(status().isCreated());

        restock(sku, "{\"quantity\": 2.5}")
                .andExpect(jsonPath("$.detail").value("quantity has the wrong type or format"));
        restock(sku, "{\"quantity\": 99999999999}").andExpect(jsonPath("$.detail").value("quantity is out of range"));
        restock(sku, "{\"quantity\": 0}").andExpect(jsonPath("$.errors[0].field").value("quantity"));
        restock(sku, "{\"quantity\": ")
                .andExpect(jsonPath("$.detail").value("the request body is not well-formed JSON"));
        restock(sku, "[1]").andExpect(jsonPath("$.detail", containsString("expected shape")));
        create(aSku(), "1.001", 1).andExpect(jsonPath("$.errors[0].field").value("price.amount"));
        mvc.perform(post("/api/products").contentType(MediaType.APPLICATION_JSON).content("""
                        {"sku": "%s", "name": "n", "price": {"amount": "1.00", "currency": "USD"}, "initialStock": 1}
                        """.formatted(aSku())))
                .andExpect(jsonPath("$.detail").value("the catalog prices in EUR, not USD"));
    }

    @Test
    void refusesABodyThatIsNotJson() throws Exception {
        mvc.perform(post("/api/products").contentType(MediaType.TEXT_PLAIN).content("SKU-1"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void publishesCatalogChangesButNotStockChangesOnTheProductsTopic() throws Exception {
        String sku = aSku();
        create(sku, "12.30", 7).andExpect(status().isCreated());
        restock(sku, "{\"quantity\": 5}").andExpect(status().isOk());
        mvc.perform(put("/api/products/{sku}", sku).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name": "Moka pot, 6 cups", "price": {"amount": 14.9, "currency": "EUR"}}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.price.amount").value("14.90"));

        await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> catalogTopic.withKey(sku).size() >= 2);
        List<ConsumerRecord<String, byte[]>> records = catalogTopic.withKey(sku);
        assertThat(catalogTopic.payloads(sku)).containsExactly(
                new ProductUpdated(sku, "Moka pot", Money.of("12.30", "EUR")),
                new ProductUpdated(sku, "Moka pot, 6 cups", Money.of("14.90", "EUR")));
        assertThat(records).extracting(record -> KafkaTestClient.header(record, "ce_type"))
                .containsOnly(ProductUpdated.TYPE);
        assertThat(records).extracting(record -> KafkaTestClient.header(record, "ce_sequence"))
                .as("the product's version: created 1, restocked 2, renamed 3").containsExactly("1", "3");
    }

    @Test
    void letsAnyoneReadTheCatalogButNotItsLedger() throws Exception {
        String sku = aSku();
        create(sku, "3.00", 2).andExpect(status().isCreated());

        mvc.perform(get("/api/products/{sku}", sku).with(anonymous())).andExpect(status().isOk());
        mvc.perform(get("/api/products").with(anonymous())).andExpect(status().isOk());
        mvc.perform(get("/api/products/{sku}/movements", sku).with(anonymous()))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/products/{sku}/movements", sku).with(aCustomer()))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void changesTheCatalogAndStockForAnAdministratorOnly() throws Exception {
        String sku = aSku();
        String product = """
                {"sku": "%s", "name": "Moka pot", "price": {"amount": "1.00", "currency": "EUR"}, "initialStock": 1}
                """.formatted(sku);

        mvc.perform(post("/api/products").with(anonymous()).contentType(MediaType.APPLICATION_JSON).content(product))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/api/products").with(aCustomer()).contentType(MediaType.APPLICATION_JSON).content(product))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.status").value(403));
        assertNotStored(sku);

        create(sku, "1.00", 1).andExpect(status().isCreated());
        mvc.perform(post("/api/products/{sku}/restock", sku).with(aCustomer())
                .contentType(MediaType.APPLICATION_JSON).content("{\"quantity\": 5}")).andExpect(status().isForbidden());
        mvc.perform(put("/api/products/{sku}", sku).with(aCustomer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"Free pot\", \"price\": {\"amount\": \"0.01\", \"currency\": \"EUR\"}}"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/products/{sku}", sku))
                .andExpect(jsonPath("$.available").value(1))
                .andExpect(jsonPath("$.price.amount").value("1.00"));
    }

    private static RequestPostProcessor aCustomer() {
        return jwt().jwt(token -> token.subject("c-1001").claim("roles", List.of("customer")))
                .authorities(new SimpleGrantedAuthority(ResourceServer.CUSTOMER));
    }

    @Test
    void servesHealthMetricsAndTheApiDescription() throws Exception {
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components.db.status").value("UP"))
                .andExpect(jsonPath("$.components.kafka.status").value("UP"));
        mvc.perform(get("/actuator/prometheus")).andExpect(status().isOk());
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/products/{sku}/restock']").exists());
        mvc.perform(get("/swagger-ui/index.html")).andExpect(status().isOk());
        mvc.perform(get("/actuator/env")).andExpect(status().isNotFound());
    }

    private ResultActions create(String sku, String amount, int stock) throws Exception {
        return mvc.perform(post("/api/products").contentType(MediaType.APPLICATION_JSON).content("""
                {"sku": "%s", "name": "Moka pot", "price": {"amount": "%s", "currency": "EUR"}, "initialStock": %d}
                """.formatted(sku, amount, stock)));
    }

    private ResultActions restock(String sku, String body) throws Exception {
        return mvc.perform(post("/api/products/{sku}/restock", sku).contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    private void assertNotStored(String sku) throws Exception {
        mvc.perform(get("/api/products/{sku}", sku)).andExpect(status().isNotFound());
    }
}
