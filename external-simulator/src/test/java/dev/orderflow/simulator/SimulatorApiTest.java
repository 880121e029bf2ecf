package dev.orderflow.simulator;

import dev.orderflow.simulator.faults.FaultPlan;
import dev.orderflow.simulator.faults.FaultSettings;
import dev.orderflow.simulator.faults.Party;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.MvcResult;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The simulator's HTTP contract, as the payment and notification services use it. */
@SpringBootTest(properties = "spring.config.name=" + ExternalSimulatorApplication.CONFIG_NAME)
@AutoConfigureMockMvc
class SimulatorApiTest {

    /** An operator's token, as the fault controls need. */
    private static final RequestPostProcessor ADMIN = jwt().jwt(token -> token.subject("orderflow-operator"))
            .authorities(new SimpleGrantedAuthority("SCOPE_orderflow.admin"));

    @Autowired
    MockMvc mvc;

    @Autowired
    FaultPlan faults;

    @AfterEach
    void healParties() {
        for (Party party : Party.values()) {
            faults.set(party, FaultSettings.NONE);
        }
    }

    @Test
    void answersARepeatedChargeWithTheSameChargeAndChargesOnce() throws Exception {
        String reference = UUID.randomUUID().toString();
        String body = chargeBody(reference, "25.00");

        String first = charge("charge-" + reference, body).andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("SUCCEEDED"))
                .andExpect(jsonPath("$.amount.amount").value("25.00"))
                .andReturn().getResponse().getContentAsString();
        charge("charge-" + reference, body).andExpect(status().isCreated())
                .andExpect(content().json(first));

        mvc.perform(get("/psp/charges").param("reference", reference))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1));
    }

    @Test
    void declinesAChargeEndingInThirteenCents() throws Exception {
        String reference = UUID.randomUUID().toString();

        charge("charge-" + reference, chargeBody(reference, "30.13")).andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("DECLINED"))
                .andExpect(jsonPath("$.declineCode").value("card_declined"));
    }

    @Test
    void refusesAChargeWithoutAnIdempotencyKeyOrWithBadInput() throws Exception {
        mvc.perform(post("/psp/charges").contentType(MediaType.APPLICATION_JSON)
                        .content(chargeBody("r", "1.00")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        charge("k-" + UUID.randomUUID(), chargeBody("r", "-1.00"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        charge("k-" + UUID.randomUUID(), "{not json")
                .andExpect(status().isBadRequest());
    }

    @Test
    void refundsACharge() throws Exception {
        String reference = UUID.randomUUID().toString();
        String chargeId = jsonField(charge("charge-" + reference, chargeBody(reference, "12.00")).andReturn(),
                "chargeId");
        String refund = """
                {"chargeId":"%s","amount":{"amount":"12.00","currency":"EUR"}}""".formatted(chargeId);

        mvc.perform(post("/psp/refunds").header("Idempotency-Key", "refund-" + reference)
                        .contentType(MediaType.APPLICATION_JSON).content(refund))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.refundId").isNotEmpty())
                .andExpect(jsonPath("$.status").value("SUCCEEDED"));
        mvc.perform(post("/psp/refunds").header("Idempotency-Key", "another-" + reference)
                        .contentType(MediaType.APPLICATION_JSON).content(refund))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(get("/psp/refunds").param("chargeId", chargeId))
                .andExpect(jsonPath("$.length()").value(1));
    }

    @Test
    void acceptsAMessageOncePerIdempotencyKey() throws Exception {
        String recipient = UUID.randomUUID() + "@example.org";
        String body = """
                {"channel":"EMAIL","recipient":"%s","template":"order-confirmed","body":"Thanks!"}"""
                .formatted(recipient);

        String first = jsonField(send("n-" + recipient, body).andExpect(status().isAccepted()).andReturn(),
                "messageId");
        send("n-" + recipient, body).andExpect(status().isAccepted())
                .andExpect(jsonPath("$.messageId").value(first));

        mvc.perform(get("/provider/messages").param("recipient", recipient))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].messageId").value(first))
                .andExpect(jsonPath("$[0].template").value("order-confirmed"));
    }

    @Test
    void refusesAMessageOnAnUnknownChannel() throws Exception {
        send("n-" + UUID.randomUUID(), """
                {"channel":"PIGEON","recipient":"a@example.org","template":"t","body":"b"}""")
                .andExpect(status().isBadRequest());
    }

    @Test
    void answersEverythingWith503DuringAnOutageAndDoesNothing() throws Exception {
        putFaults("psp", """
                {"latencyMs":0,"failureRate":0.0,"declineRate":0.0,"outage":true}""")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outage").value(true));
        String reference = UUID.randomUUID().toString();

        charge("charge-" + reference, chargeBody(reference, "5.00"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().exists("Retry-After"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        send("n-" + reference, """
                {"channel":"SMS","recipient":"+49%s","template":"t","body":"b"}""".formatted(reference.hashCode()))
                .andExpect(status().isAccepted());

        putFaults("psp", "{}").andExpect(status().isOk());
        mvc.perform(get("/psp/charges").param("reference", reference)).andExpect(jsonPath("$.length()").value(0));
    }

    @Test
    void failsEveryRequestAtAFailureRateOfOne() throws Exception {
        putFaults("provider", """
                {"failureRate":1.0}""").andExpect(status().isOk());

        send("n-" + UUID.randomUUID(), """
                {"channel":"SMS","recipient":"+4900","template":"t","body":"b"}""")
                .andExpect(status().isServiceUnavailable());
    }

    @Test
    void declinesChargesAtTheConfiguredDeclineRate() throws Exception {
        putFaults("psp", """
                {"declineRate":1.0}""").andExpect(status().isOk());
        String reference = UUID.randomUUID().toString();

        charge("charge-" + reference, chargeBody(reference, "5.00")).andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("DECLINED"))
                .andExpect(jsonPath("$.declineCode").value("do_not_honor"));
    }

    @Test
    void delaysAnswersByTheConfiguredLatency() throws Exception {
        putFaults("psp", """
                {"latencyMs":300}""").andExpect(status().isOk());
        String reference = UUID.randomUUID().toString();

        long started = System.nanoTime();
        charge("charge-" + reference, chargeBody(reference, "5.00")).andExpect(status().isCreated());

        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(300);
    }

    @Test
    void readsTheFaultsItWasGiven() throws Exception {
        putFaults("provider", """
                {"latencyMs":25,"failureRate":0.5,"declineRate":0.0,"outage":false}""");

        mvc.perform(get("/admin/faults/provider").with(ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.latencyMs").value(25))
                .andExpect(jsonPath("$.failureRate").value(0.5));
        mvc.perform(get("/admin/faults/psp").with(ADMIN)).andExpect(jsonPath("$.failureRate").value(0.0));
    }

    @Test
    void keepsTheFaultControlsForAnAdministratorAndThePartiesOpen() throws Exception {
        String outage = """
                {"latencyMs":0,"failureRate":0.0,"declineRate":0.0,"outage":true}""";

        mvc.perform(put("/admin/faults/psp").contentType(MediaType.APPLICATION_JSON).content(outage))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(put("/admin/faults/psp").with(jwt().jwt(token -> token.subject("c-1001"))
                        .authorities(new SimpleGrantedAuthority("ROLE_customer")))
                .contentType(MediaType.APPLICATION_JSON).content(outage))
                .andExpect(status().isForbidden());
        mvc.perform(get("/admin/faults/psp").with(ADMIN)).andExpect(jsonPath("$.outage").value(false));
        charge("charge-" + UUID.randomUUID(), chargeBody(UUID.randomUUID().toString(), "1.00"))
                .andExpect(status().isCreated());
    }

    @Test
    void refusesImpossibleFaultsAndUnknownParties() throws Exception {
        putFaults("psp", """
                {"failureRate":1.5}""").andExpect(status().isBadRequest());
        putFaults("bank", "{}").andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    private org.springframework.test.web.servlet.ResultActions charge(String key, String body) throws Exception {
        return mvc.perform(post("/psp/charges").header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private org.springframework.test.web.servlet.ResultActions send(String key, String body) throws Exception {
        return mvc.perform(post("/provider/messages").header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private org.springframework.test.web.servlet.ResultActions putFaults(String party, String body) throws Exception {
        return mvc.perform(put("/admin/faults/" + party).with(ADMIN).contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    private static String chargeBody(String reference, String amount) {
        return """
                {"reference":"%s","customerId":"c-1001","amount":{"amount":"%s","currency":"EUR"}}"""
                .formatted(reference, amount);
    }

    private static String jsonField(MvcResult result, String field) throws Exception {
        String json = result.getResponse().getContentAsString();
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(json).get(field).asString();
    }
}
