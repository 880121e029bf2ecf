package dev.orderflow.events.wire;

import dev.orderflow.events.Money;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import java.math.BigDecimal;

/**
 * Turns contract records into JSON payloads and back.
 *
 * <p>Readers are tolerant: unknown fields are ignored, so producers can add fields without breaking consumers.
 * They are strict about the fields they know: a value that does not fit its field exactly (a fractional quantity,
 * an enum ordinal, a field given twice, an absurd amount) makes the payload malformed rather than guessed at.
 * Money amounts travel as decimal strings ({@code "59.80"}), never as binary floating point numbers, and
 * instants as ISO-8601 strings.
 */
public final class MessageCodec {

    private static final MessageCodec STANDARD = new MessageCodec();

    private final JsonMapper mapper;

    private MessageCodec() {
        SimpleModule money = new SimpleModule("orderflow-money")
                .addSerializer(Money.class, new MoneySerializer())
                .addDeserializer(Money.class, new MoneyDeserializer());
        this.mapper = JsonMapper.builder()
                .addModule(money)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                // Tolerant of what is added, strict about what is there: a quantity of 2.5 is not 2, an enum
                // is its name and never an ordinal, and a field given twice has no single meaning.
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // Amounts written as JSON numbers are read exactly, never through a double.
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
    }

    /** The codec every service uses for the wire. */
    public static MessageCodec standard() {
        return STANDARD;
    }

    public byte[] encode(Object payload) {
        try {
            return mapper.writeValueAsBytes(payload);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("cannot encode " + payload.getClass().getName(), e);
        }
    }

    public <T> T decode(byte[] json, Class<T> type) {
        if (json == null || json.length == 0) {
            throw new MalformedMessageException("empty payload for " + type.getSimpleName(), null);
        }
        try {
            T value = mapper.readValue(json, type);
            if (value == null) {
                throw new MalformedMessageException("null payload for " + type.getSimpleName(), null);
            }
            return value;
        } catch (JacksonException e) {
            throw new MalformedMessageException("payload is not a valid " + type.getSimpleName() + ": "
                    + rootMessage(e), e);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new MalformedMessageException("payload breaks the rules of " + type.getSimpleName() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The underlying mapper, for tests that compare JSON structurally. */
    public JsonNode tree(byte[] json) {
        return mapper.readTree(json);
    }

    private static String rootMessage(JacksonException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.getOriginalMessage() : root.getMessage();
    }

    private static final class MoneySerializer extends ValueSerializer<Money> {
        @Override
        public void serialize(Money value, JsonGenerator gen, SerializationContext ctxt) {
            gen.writeStartObject();
            gen.writeStringProperty("amount", value.amount().toPlainString());
            gen.writeStringProperty("currency", value.currency());
            gen.writeEndObject();
        }
    }

    private static final class MoneyDeserializer extends ValueDeserializer<Money> {

        /**
         * Far beyond any real order, far below anything costly, and what every service's columns hold: the widest
         * amount column is a PostgreSQL numeric(14,2), 12 digits before the point. A longer amount would pass the
         * codec and then fail each insert, retried until it is dead-lettered a minute later.
         */
        private static final int MAX_INTEGER_DIGITS = 12;
        private static final int MAX_AMOUNT_LENGTH = 40;

        @Override
        public Money deserialize(JsonParser parser, DeserializationContext ctxt) {
            JsonNode node = ctxt.readTree(parser);
            JsonNode amount = node.get("amount");
            JsonNode currency = node.get("currency");
            if (amount == null || currency == null || !currency.isString()
                    || !(amount.isString() || amount.isNumber())) {
                throw new IllegalArgumentException("money needs a decimal amount and a currency: " + node);
            }
            if (amount.isString() && amount.stringValue().length() > MAX_AMOUNT_LENGTH) {
                throw new IllegalArgumentException("money amount out of range: " + amount.stringValue());
            }
            BigDecimal value = amount.isString() ? new BigDecimal(amount.stringValue()) : amount.decimalValue();
            // Money scales itself to two places: "1E+99999999" would cost half a minute of CPU doing so.
            if (value.precision() - value.scale() > MAX_INTEGER_DIGITS) {
                throw new IllegalArgumentException("money amount out of range: " + value);
            }
            return new Money(value, currency.stringValue());
        }
    }
}
