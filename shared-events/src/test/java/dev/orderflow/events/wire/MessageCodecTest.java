package dev.orderflow.events.wire;

import dev.orderflow.events.inventory.CommitStock;
import dev.orderflow.events.inventory.ProductUpdated;
import dev.orderflow.events.inventory.ReserveStock;
import dev.orderflow.events.inventory.StockRejected;
import dev.orderflow.events.inventory.StockReserved;
import dev.orderflow.events.payment.AuthorizePayment;
import dev.orderflow.events.payment.DeclineReason;
import dev.orderflow.events.payment.PaymentDeclined;
import dev.orderflow.events.payment.RefundPayment;
import dev.orderflow.events.payment.Screening;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static dev.orderflow.events.ContractFixtures.ORDER_ID;
import static dev.orderflow.events.ContractFixtures.euros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the codec refuses: every payload it cannot turn into a valid record is a MalformedMessageException. */
class MessageCodecTest {

    private final MessageCodec codec = MessageCodec.standard();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"orderId\":", "not json", "[]", "\"a string\"", "42", "{\"orderId\":\"%s\"} trailing"})
    void refusesAPayloadThatIsNotAJsonObject(String json) {
        assertMalformed(json.formatted(ORDER_ID), CommitStock.class);
    }

    @Test
    void refusesAnEmptyOrNullPayload() {
        assertThatThrownBy(() -> codec.decode(new byte[0], CommitStock.class))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("empty payload");
        assertThatThrownBy(() -> codec.decode(null, CommitStock.class))
                .isInstanceOf(MalformedMessageException.class);
        assertMalformed("null", CommitStock.class, "null payload");
    }

    @Test
    void refusesAPayloadWithoutARequiredField() {
        assertMalformed("{}", CommitStock.class, "orderId");
        assertMalformed("{\"orderId\":null}", CommitStock.class, "orderId");
    }

    @Test
    void refusesAMissingNumberRatherThanReadingItAsZero() {
        assertMalformed("""
                {"orderId":"%s","shortages":[{"sku":"SKU-001","requested":2}]}""".formatted(ORDER_ID),
                StockRejected.class);
    }

    @Test
    void refusesANullOrMissingList() {
        assertMalformed("{\"orderId\":\"%s\",\"lines\":null}".formatted(ORDER_ID), StockReserved.class, "lines");
        assertMalformed("{\"orderId\":\"%s\"}".formatted(ORDER_ID), StockReserved.class, "lines");
    }

    @Test
    void refusesANullElementInAList() {
        assertMalformed("{\"orderId\":\"%s\",\"lines\":[null]}".formatted(ORDER_ID), StockReserved.class);
    }

    @Test
    void refusesAPayloadThatBreaksTheRulesOfItsRecord() {
        assertMalformed("{\"orderId\":\"%s\",\"lines\":[]}".formatted(ORDER_ID), ReserveStock.class, "nothing to reserve");
        assertMalformed("""
                {"orderId":"%s","lines":[{"sku":"SKU-001","quantity":0}]}""".formatted(ORDER_ID),
                StockReserved.class, "quantity must be positive");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2.5", "2.0", "true"})
    void refusesAQuantityThatIsNotAWholeNumber(String quantity) {
        assertMalformed("""
                {"orderId":"%s","lines":[{"sku":"SKU-001","quantity":%s}]}""".formatted(ORDER_ID, quantity),
                StockReserved.class);
    }

    @Test
    void refusesAFieldGivenTwice() {
        assertMalformed("{\"orderId\":\"%s\",\"orderId\":\"%s\"}".formatted(ORDER_ID, ORDER_ID), CommitStock.class,
                "Duplicate");
    }

    @Test
    void refusesAnIdThatIsNotAUuid() {
        assertMalformed("{\"orderId\":\"order-1\"}", CommitStock.class, "UUID");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\"BOGUS\"", "\"timed_out\"", "\"\"", "3", "\"3\""})
    void refusesAnEnumValueThatIsNotOneOfItsNames(String reason) {
        assertMalformed("{\"orderId\":\"%s\",\"reason\":%s}".formatted(ORDER_ID, reason), RefundPayment.class);
    }

    @ParameterizedTest(name = "price {0}")
    @ValueSource(strings = {
            "\"59.80 EUR\"",
            "59.80",
            "null",
            "{\"amount\":\"59.80\"}",
            "{\"currency\":\"EUR\"}",
            "{\"amount\":true,\"currency\":\"EUR\"}",
            "{\"amount\":\"59.80\",\"currency\":978}",
            "{\"amount\":\"abc\",\"currency\":\"EUR\"}",
            "{\"amount\":\"59.805\",\"currency\":\"EUR\"}",
            "{\"amount\":\"59.80\",\"currency\":\"XYZ\"}",
            "{\"amount\":\"1E+99999999\",\"currency\":\"EUR\"}",
            "{\"amount\":\"100000000000000000000\",\"currency\":\"EUR\"}",
            "{\"amount\":\"1000000000000.00\",\"currency\":\"EUR\"}",
            "{\"amount\":\"0.00\",\"currency\":\"EUR\"}",
            "{\"amount\":\"-19.90\",\"currency\":\"EUR\"}",
            "{\"amount\":\"0.00000000000000000000000000000000000000001\",\"currency\":\"EUR\"}"})
    void refusesMoneyThatIsNotADecimalAmountInAKnownCurrency(String price) {
        assertMalformed("{\"sku\":\"SKU-001\",\"name\":\"Beans\",\"price\":%s}".formatted(price), ProductUpdated.class);
    }

    @Test
    void readsAnAmountWrittenAsAJsonNumberExactly() {
        ProductUpdated product = decode("""
                {"sku":"SKU-001","name":"Beans","price":{"amount":999999999999.99,"currency":"EUR"}}""",
                ProductUpdated.class);

        assertThat(product.price()).isEqualTo(euros("999999999999.99"));
    }

    @Test
    void readsAnAmountWrittenAsAJsonNumberAtTheCurrencyScale() {
        ProductUpdated product = decode("""
                {"sku":"SKU-001","name":"Beans","price":{"amount":29.9,"currency":"EUR"}}""", ProductUpdated.class);

        assertThat(product.price().amount()).hasToString("29.90");
    }

    @Test
    void writesAmountsAsDecimalStringsAtTheCurrencyScale() {
        String json = new String(codec.encode(new ProductUpdated("SKU-001", "Beans", euros("29.9"))),
                StandardCharsets.UTF_8);

        assertThat(json).contains("\"price\":{\"amount\":\"29.90\",\"currency\":\"EUR\"}");
    }

    @Test
    void readsAMissingDeclineDetailAsEmpty() {
        PaymentDeclined declined = decode("{\"orderId\":\"%s\",\"reason\":\"ORDER_CLOSED\"}".formatted(ORDER_ID),
                PaymentDeclined.class);

        assertThat(declined).isEqualTo(new PaymentDeclined(ORDER_ID, DeclineReason.ORDER_CLOSED, ""));
    }

    @Test
    void readsAnAuthorizationWrittenBeforeTheBasketWasAddedAndRefusesABrokenBasket() {
        String before = "{\"orderId\":\"%s\",\"customerId\":\"c-1\",\"amount\":{\"amount\":\"5.00\",\"currency\":\"EUR\"}"
                .formatted(ORDER_ID);

        assertThat(decode(before + "}", AuthorizePayment.class).basket()).isNull();
        assertThat(decode(before + ",\"basket\":null}", AuthorizePayment.class).basket()).isNull();
        assertThat(decode(before + ",\"basket\":{\"lines\":2,\"units\":5}}", AuthorizePayment.class).basket())
                .isEqualTo(new AuthorizePayment.Basket(2, 5));
        assertMalformed(before + ",\"basket\":{\"lines\":2}}", AuthorizePayment.class);
        assertMalformed(before + ",\"basket\":{\"lines\":3,\"units\":2}}", AuthorizePayment.class);
        assertMalformed(before + ",\"basket\":{\"lines\":0,\"units\":0}}", AuthorizePayment.class);
    }

    @Test
    void readsARepliesScreeningWhenThereIsOneAndRefusesAScoreOutsideZeroToOne() {
        String declined = "{\"orderId\":\"%s\",\"reason\":\"ANOMALY_SUSPECTED\"".formatted(ORDER_ID);

        assertThat(decode(declined + "}", PaymentDeclined.class).screening()).isNull();
        assertThat(decode(declined + ",\"screening\":{\"model\":\"m-1\",\"score\":0.97,\"threshold\":0.35,"
                + "\"mode\":\"ENFORCE\"}}", PaymentDeclined.class).screening())
                .isEqualTo(new Screening("m-1", 0.97, 0.35, Screening.Mode.ENFORCE));
        assertMalformed(declined + ",\"screening\":{\"model\":\"m-1\",\"score\":1.5,\"threshold\":0.35,"
                + "\"mode\":\"ENFORCE\"}}", PaymentDeclined.class);
        assertMalformed(declined + ",\"screening\":{\"model\":\"m-1\",\"score\":0.5,\"mode\":\"SHADOW\"}}",
                PaymentDeclined.class);
    }

    @Test
    void namesTheTypeItCouldNotRead() {
        assertMalformed("{}", CommitStock.class, "CommitStock");
    }

    private <T> T decode(String json, Class<T> type) {
        return codec.decode(json.getBytes(StandardCharsets.UTF_8), type);
    }

    private void assertMalformed(String json, Class<?> type) {
        assertThatThrownBy(() -> decode(json, type)).isInstanceOf(MalformedMessageException.class);
    }

    private void assertMalformed(String json, Class<?> type, String explanation) {
        assertThatThrownBy(() -> decode(json, type))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining(explanation);
    }
}
