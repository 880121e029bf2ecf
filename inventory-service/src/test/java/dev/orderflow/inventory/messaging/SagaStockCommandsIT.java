package dev.orderflow.inventory.messaging;

import dev.orderflow.events.Topics;
import dev.orderflow.events.inventory.CommitStock;
import dev.orderflow.events.inventory.ReleaseStock;
import dev.orderflow.events.inventory.ReserveStock;
import dev.orderflow.events.inventory.StockCommitted;
import dev.orderflow.events.inventory.StockLine;
import dev.orderflow.events.inventory.StockRejected;
import dev.orderflow.events.inventory.StockReleased;
import dev.orderflow.events.inventory.StockReserved;
import dev.orderflow.inventory.InventoryIntegrationTest;
import dev.orderflow.inventory.KafkaTestClient;
import dev.orderflow.inventory.KafkaTestClient.TopicProbe;
import dev.orderflow.inventory.domain.MovementType;
import dev.orderflow.inventory.domain.Product;
import dev.orderflow.inventory.domain.StockLevels;
import dev.orderflow.inventory.domain.StockMovement;
import dev.orderflow.inventory.stock.Catalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static dev.orderflow.inventory.InventoryTestData.aProduct;
import static dev.orderflow.inventory.InventoryTestData.aSku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The saga's stock commands arriving on real Kafka, and the replies leaving on {@code inventory.events}. */
@InventoryIntegrationTest
class SagaStockCommandsIT {

    private static TopicProbe replies;

    @Autowired
    Catalog catalog;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void listenForReplies() {
        replies = new TopicProbe(Topics.INVENTORY_EVENTS);
    }

    @AfterAll
    static void stopListening() {
        replies.close();
    }

    @Test
    void reservesStockAndRepliesStockReserved() {
        Product mug = catalog.create(aProduct(10));
        Product beans = catalog.create(aProduct(5));
        UUID order = UUID.randomUUID();

        send(order, new ReserveStock(order, List.of(new StockLine(beans.sku(), 5), new StockLine(mug.sku(), 2))));

        Object reply = awaitReplies(order, 1).getFirst();
        assertThat(reply).isInstanceOf(StockReserved.class);
        assertThat(((StockReserved) reply).lines()).containsExactlyInAnyOrder(
                new StockLine(mug.sku(), 2), new StockLine(beans.sku(), 5));
        assertThat(levels(mug.sku())).isEqualTo(new StockLevels(10, 8, 2, 0));
        assertThat(levels(beans.sku())).isEqualTo(new StockLevels(5, 0, 5, 0));
        assertThat(replies.withKey(order.toString()).getFirst().headers().lastHeader("ce_type").value())
                .asString().isEqualTo(StockReserved.TYPE);
    }

    @Test
    void rejectsAnOrderWhenStockIsShortAndReservesNothing() {
        Product mug = catalog.create(aProduct(10));
        Product beans = catalog.create(aProduct(1));
        String unknown = aSku();
        UUID order = UUID.randomUUID();

        send(order, new ReserveStock(order, List.of(new StockLine(mug.sku(), 2), new StockLine(beans.sku(), 3),
                new StockLine(unknown, 1))));

        assertThat(awaitReplies(order, 1)).singleElement().isInstanceOfSatisfying(StockRejected.class,
                rejected -> assertThat(rejected.shortages()).containsExactlyInAnyOrder(
                        new StockRejected.Shortage(beans.sku(), 3, 1), new StockRejected.Shortage(unknown, 1, 0)));
        assertThat(levels(mug.sku())).isEqualTo(new StockLevels(10, 10, 0, 0));
        assertThat(levels(beans.sku())).isEqualTo(new StockLevels(1, 1, 0, 0));
        assertThat(movementsOf(order)).isZero();
    }

    @Test
    void reservesOnceWhenTheSameCommandIsDeliveredFiveTimes() {
        Product mug = catalog.create(aProduct(10));
        UUID order = UUID.randomUUID();
        ReserveStock reserve = new ReserveStock(order, List.of(new StockLine(mug.sku(), 3)));
        String messageId = UUID.randomUUID().toString();

        for (int delivery = 0; delivery < 5; delivery++) {
            KafkaTestClient.send(order.toString(), messageId, reserve);
        }
        // The saga asking again under a new message id gets the same answer, not a second reservation.
        send(order, reserve);
        // Replies for one order leave in the order its commands arrived: once this one is out, all are.
        send(order, new CommitStock(order));

        StockReserved reserved = new StockReserved(order, List.of(new StockLine(mug.sku(), 3)));
        assertThat(awaitReplies(order, 3)).containsExactly(reserved, reserved,
                new StockCommitted(order, List.of(new StockLine(mug.sku(), 3))));
        assertThat(levels(mug.sku())).isEqualTo(new StockLevels(10, 7, 0, 3));
        assertThat(movementsOf(order)).isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from reservation where order_id = ?", Integer.class, order))
                .isEqualTo(1);
    }

    @Test
    void commitSellsTheReservedStockAndReleaseAfterwardsReturnsIt() {
        Product mug = catalog.create(aProduct(10));
        UUID order = UUID.randomUUID();
        send(order, new ReserveStock(order, List.of(new StockLine(mug.sku(), 4))));
        awaitReplies(order, 1);

        send(order, new CommitStock(order));
        assertThat(awaitReplies(order, 2).get(1))
                .isEqualTo(new StockCommitted(order, List.of(new StockLine(mug.sku(), 4))));
        assertThat(levels(mug.sku())).isEqualTo(new StockLevels(10, 6, 0, 4));

        // A confirmed order being cancelled: what it bought goes back on the shelf.
        send(order, new ReleaseStock(order));
        assertThat(awaitReplies(order, 3).get(2))
                .isEqualTo(new StockReleased(order, List.of(new StockLine(mug.sku(), 4))));
        assertThat(levels(mug.sku())).isEqualTo(new StockLevels(10, 10, 0, 0));
        assertThat(catalog.movements(mug.sku())).extracting(StockMovement::type).containsExactly(
                MovementType.RESTOCK, MovementType.RESERVE, MovementType.COMMIT, MovementType.RETURN);
    }

    @Test
    void releaseGivesReservedStockBackOnceAndCommitAfterwardsSellsNothing() {
        Product mug = catalog.create(aProduct(10));
        UUID order = UUID.randomUUID();
        send(order, new ReserveStock(order, List.of(new StockLine(mug.sku(), 4))));
        awaitReplies(order, 1);

        send(order, new ReleaseStock(order));
        send(order, new ReleaseStock(order));
        send(order, new CommitStock(order));

        assertThat(awaitReplies(order, 4).subList(1, 4)).containsExactly(
                new StockReleased(order, List.of(new StockLine(mug.sku(), 4))),
                new StockReleased(order, List.of()),
                new StockCommitted(order, List.of()));
        assertThat(levels(mug.sku())).isEqualTo(new StockLevels(10, 10, 0, 0));
    }

    @Test
    void releasingAnOrderThatHoldsNothingRepliesWithNothingReleasedAndKeepsALateReservationOut() {
        Product mug = catalog.create(aProduct(10));
        UUID order = UUID.randomUUID();

        send(order, new ReleaseStock(order));
        // The reservation turning up after the saga gave up (replayed from the dead-letter topic, say).
        send(order, new ReserveStock(order, List.of(new StockLine(mug.sku(), 2))));

        assertThat(awaitReplies(order, 2)).containsExactly(new StockReleased(order, List.of()),
                new StockRejected(order, List.of()));
        assertThat(levels(mug.sku())).isEqualTo(new StockLevels(10, 10, 0, 0));
    }

    private static void send(UUID order, Object command) {
        KafkaTestClient.send(order.toString(), UUID.randomUUID().toString(), command);
    }

    private static List<Object> awaitReplies(UUID order, int count) {
        await().atMost(Duration.ofSeconds(30)).pollInSameThread()
                .until(() -> replies.withKey(order.toString()).size() >= count);
        List<Object> received = replies.payloads(order.toString());
        assertThat(received).hasSize(count);
        return received;
    }

    private StockLevels levels(String sku) {
        StockLevels levels = StockLevels.of(catalog.product(sku));
        assertThat(StockLevels.replay(catalog.movements(sku))).isEqualTo(levels);
        assertThat(levels.balanced()).isTrue();
        return levels;
    }

    private int movementsOf(UUID order) {
        return jdbc.queryForObject("select count(*) from stock_movement where order_id = ?", Integer.class, order);
    }
}
