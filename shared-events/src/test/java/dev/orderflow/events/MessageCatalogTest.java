package dev.orderflow.events;

import dev.orderflow.events.inventory.InventoryCommand;
import dev.orderflow.events.inventory.InventoryEvent;
import dev.orderflow.events.inventory.ProductEvent;
import dev.orderflow.events.order.OrderEvent;
import dev.orderflow.events.order.OrderPlaced;
import dev.orderflow.events.payment.PaymentCommand;
import dev.orderflow.events.payment.PaymentEvent;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MessageCatalogTest {

    /** Each sealed family travels on one topic, and each topic carries one family. */
    private static final Map<Class<?>, String> TOPIC_OF_FAMILY = Map.of(
            OrderEvent.class, Topics.ORDERS_EVENTS,
            InventoryCommand.class, Topics.INVENTORY_COMMANDS,
            InventoryEvent.class, Topics.INVENTORY_EVENTS,
            ProductEvent.class, Topics.INVENTORY_PRODUCTS,
            PaymentCommand.class, Topics.PAYMENTS_COMMANDS,
            PaymentEvent.class, Topics.PAYMENTS_EVENTS);

    static Stream<Named<MessageType>> catalog() {
        return MessageCatalog.all().stream().map(type -> Named.of(type.name(), type));
    }

    @Test
    void givesEveryTypeItsOwnName() {
        assertThat(MessageCatalog.all()).extracting(MessageType::name).doesNotHaveDuplicates();
    }

    @Test
    void bindsEveryRecordToOneTypeOnly() {
        assertThat(MessageCatalog.all()).extracting(MessageType::payloadType).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalog")
    void usesTheTypeNameConstantOfTheRecord(MessageType type) throws ReflectiveOperationException {
        Field constant = type.payloadType().getField("TYPE");

        assertThat(Modifier.isStatic(constant.getModifiers()) && Modifier.isFinal(constant.getModifiers())).isTrue();
        assertThat(constant.get(null)).isEqualTo(type.name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalog")
    void placesEveryRecordInExactlyOneSealedFamily(MessageType type) {
        assertThat(type.payloadType().isRecord()).isTrue();
        assertThat(TOPIC_OF_FAMILY.keySet())
                .filteredOn(family -> family.isAssignableFrom(type.payloadType()))
                .hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalog")
    void sendsEveryRecordOnTheTopicOfItsFamily(MessageType type) {
        String topicOfFamily = TOPIC_OF_FAMILY.entrySet().stream()
                .filter(family -> family.getKey().isAssignableFrom(type.payloadType()))
                .map(Map.Entry::getValue)
                .findFirst().orElseThrow();

        assertThat(type.topic()).isEqualTo(topicOfFamily);
    }

    @Test
    void listsEveryMemberOfEveryFamily() {
        List<Class<?>> members = TOPIC_OF_FAMILY.keySet().stream()
                .flatMap(family -> Arrays.stream(family.getPermittedSubclasses()))
                .toList();

        assertThat(MessageCatalog.all()).extracting(MessageType::payloadType)
                .containsExactlyInAnyOrderElementsOf(members);
    }

    @Test
    void carriesMessagesOnEveryTopicAndOnNoOtherTopic() {
        assertThat(MessageCatalog.all()).extracting(MessageType::topic).allMatch(Topics.ALL::contains);
        assertThat(Topics.ALL).allSatisfy(topic -> assertThat(MessageCatalog.onTopic(topic)).isNotEmpty());
        assertThat(TOPIC_OF_FAMILY.values()).containsExactlyInAnyOrderElementsOf(Topics.ALL);
    }

    @Test
    void findsATypeByItsNameAndByItsRecord() {
        MessageType placed = MessageCatalog.of(OrderPlaced.class);

        assertThat(placed.name()).isEqualTo("dev.orderflow.order.OrderPlaced.v1");
        assertThat(placed.topic()).isEqualTo(Topics.ORDERS_EVENTS);
        assertThat(MessageCatalog.byName("dev.orderflow.order.OrderPlaced.v1")).contains(placed);
        assertThat(MessageCatalog.onTopic(Topics.ORDERS_EVENTS)).contains(placed).hasSize(4);
    }

    @Test
    void knowsNothingOfTypesFromOtherVersionsOrSystems() {
        assertThat(MessageCatalog.byName("dev.orderflow.order.OrderPlaced.v2")).isEmpty();
        assertThat(MessageCatalog.byName(OrderPlaced.class.getName())).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> MessageCatalog.of(String.class))
                .withMessageContaining("is not a message of the orderflow contracts");
    }

    @Test
    void readsTheSchemaVersionFromTheName() {
        assertThat(new MessageType("dev.orderflow.order.OrderPlaced.v12", Topics.ORDERS_EVENTS, OrderPlaced.class)
                .version()).isEqualTo(12);
        assertThat(MessageCatalog.all()).extracting(MessageType::version).containsOnly(1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "OrderPlaced",
            "dev.orderflow.order.OrderPlaced",
            "dev.orderflow.order.OrderPlaced.v0",
            "dev.orderflow.order.OrderPlaced.V1",
            "dev.orderflow.order.orderPlaced.v1",
            "com.example.order.OrderPlaced.v1",
            "dev.orderflow.order.OrderPlaced.v1.json"})
    void refusesATypeNameNotOfTheFormContextNameVersion(String name) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new MessageType(name, Topics.ORDERS_EVENTS, OrderPlaced.class));
    }
}
