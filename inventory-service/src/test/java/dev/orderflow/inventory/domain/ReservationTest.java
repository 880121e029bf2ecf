package dev.orderflow.inventory.domain;

import dev.orderflow.inventory.domain.InventoryFixtures.MemoryLedger;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static dev.orderflow.inventory.domain.InventoryFixtures.aProduct;
import static dev.orderflow.inventory.domain.InventoryFixtures.bySku;
import static dev.orderflow.inventory.domain.InventoryFixtures.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ReservationTest {

    private final MemoryLedger ledger = new MemoryLedger();
    private final UUID order = UUID.randomUUID();
    private final Product mugs = aProduct("MUG", 10, ledger);
    private final Product beans = aProduct("BEANS", 3, ledger);
    private final Map<String, Product> products = bySku(mugs, beans);

    ReservationTest() {
        ledger.forget();
    }

    @Test
    void reservesEveryLineWhenAllAreInStock() {
        Reservation reservation = Reservation.reserve(order, List.of(line("MUG", 4), line("BEANS", 3)), products,
                ledger);

        assertThat(reservation.status()).isEqualTo(ReservationStatus.RESERVED);
        assertThat(reservation.lines()).containsExactly(line("BEANS", 3), line("MUG", 4));
        assertThat(stock(mugs)).containsExactly(6, 4, 0);
        assertThat(stock(beans)).containsExactly(0, 3, 0);
        assertThat(ledger.movements).extracting(StockMovement::sku, StockMovement::type, StockMovement::quantity,
                StockMovement::orderId).containsExactly(
                tuple("BEANS", MovementType.RESERVE, 3, order),
                tuple("MUG", MovementType.RESERVE, 4, order));
    }

    @Test
    void reservesNothingWhenAnyLineIsShort() {
        Reservation reservation = Reservation.reserve(order, List.of(line("MUG", 4), line("BEANS", 5)), products,
                ledger);

        assertThat(reservation.status()).isEqualTo(ReservationStatus.REJECTED);
        assertThat(reservation.lines()).isEmpty();
        assertThat(reservation.shortages()).containsExactly(new Shortage("BEANS", 5, 3));
        assertThat(stock(mugs)).containsExactly(10, 0, 0);
        assertThat(stock(beans)).containsExactly(3, 0, 0);
        assertThat(ledger.movements).isEmpty();
        assertThat(reservation.holdsStock()).isFalse();
    }

    @Test
    void anUnknownSkuIsShortWithNothingAvailable() {
        Reservation reservation = Reservation.reserve(order, List.of(line("MUG", 1), line("NOPE", 2)), products,
                ledger);

        assertThat(reservation.status()).isEqualTo(ReservationStatus.REJECTED);
        assertThat(reservation.shortages()).containsExactly(new Shortage("NOPE", 2, 0));
        assertThat(stock(mugs)).containsExactly(10, 0, 0);
    }

    @Test
    void linesOfTheSameSkuCountTogether() {
        Reservation rejected = Reservation.reserve(order, List.of(line("BEANS", 2), line("BEANS", 2)), products,
                ledger);
        assertThat(rejected.shortages()).containsExactly(new Shortage("BEANS", 4, 3));

        Reservation reserved = Reservation.reserve(UUID.randomUUID(), List.of(line("MUG", 2), line("MUG", 3)),
                products, ledger);
        assertThat(reserved.lines()).containsExactly(line("MUG", 5));
        assertThat(stock(mugs)).containsExactly(5, 5, 0);
    }

    @Test
    void quantitiesTooLargeToCountAreAShortageNotAnOverflow() {
        Reservation reservation = Reservation.reserve(order,
                List.of(line("MUG", Integer.MAX_VALUE), line("MUG", Integer.MAX_VALUE)), products, ledger);

        assertThat(reservation.shortages()).containsExactly(new Shortage("MUG", Integer.MAX_VALUE, 10));
    }

    @Test
    void releaseGivesReservedStockBackToAvailable() {
        Reservation reservation = Reservation.reserve(order, List.of(line("MUG", 4)), products, ledger);

        List<ReservationLine> givenBack = reservation.release(products, ledger);

        assertThat(givenBack).containsExactly(line("MUG", 4));
        assertThat(reservation.status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(reservation.wasReserved()).isTrue();
        assertThat(stock(mugs)).containsExactly(10, 0, 0);
        assertThat(ledger.movements).extracting(StockMovement::type)
                .containsExactly(MovementType.RESERVE, MovementType.RELEASE);
    }

    @Test
    void commitTurnsReservedStockIntoSold() {
        Reservation reservation = Reservation.reserve(order, List.of(line("MUG", 4)), products, ledger);

        assertThat(reservation.commit(products, ledger)).containsExactly(line("MUG", 4));

        assertThat(reservation.status()).isEqualTo(ReservationStatus.COMMITTED);
        assertThat(stock(mugs)).containsExactly(6, 0, 4);
    }

    @Test
    void releasingACommittedOrderReturnsItsSoldStock() {
        Reservation reservation = Reservation.reserve(order, List.of(line("MUG", 4)), products, ledger);
        reservation.commit(products, ledger);

        assertThat(reservation.release(products, ledger)).containsExactly(line("MUG", 4));

        assertThat(stock(mugs)).containsExactly(10, 0, 0);
        assertThat(ledger.movements).extracting(StockMovement::type)
                .containsExactly(MovementType.RESERVE, MovementType.COMMIT, MovementType.RETURN);
    }

    @Test
    void releasingTwiceGivesBackOnce() {
        Reservation reservation = Reservation.reserve(order, List.of(line("MUG", 4)), products, ledger);
        reservation.release(products, ledger);

        assertThat(reservation.release(products, ledger)).isEmpty();

        assertThat(stock(mugs)).containsExactly(10, 0, 0);
        assertThat(ledger.movements).hasSize(2);
    }

    @Test
    void committingTwiceOrAfterReleaseSellsNothingMore() {
        Reservation reservation = Reservation.reserve(order, List.of(line("MUG", 4)), products, ledger);
        reservation.commit(products, ledger);
        assertThat(reservation.commit(products, ledger)).isEmpty();
        assertThat(stock(mugs)).containsExactly(6, 0, 4);

        Reservation released = Reservation.reserve(UUID.randomUUID(), List.of(line("MUG", 1)), products, ledger);
        released.release(products, ledger);
        assertThat(released.commit(products, ledger)).isEmpty();
        assertThat(released.status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(stock(mugs)).containsExactly(6, 0, 4);
    }

    @Test
    void aRejectedReservationHoldsNothingToReleaseOrCommit() {
        Reservation rejected = Reservation.reserve(order, List.of(line("BEANS", 9)), products, ledger);

        assertThat(rejected.release(Map.of(), ledger)).isEmpty();
        assertThat(rejected.commit(Map.of(), ledger)).isEmpty();

        assertThat(rejected.status()).isEqualTo(ReservationStatus.REJECTED);
        assertThat(ledger.movements).isEmpty();
    }

    @Test
    void anOrderReleasedBeforeItReservedHoldsNothingAndWasNeverReserved() {
        Reservation released = Reservation.releasedBeforeReserving(order);

        assertThat(released.status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(released.wasReserved()).isFalse();
        assertThat(released.holdsStock()).isFalse();
        assertThat(released.release(Map.of(), ledger)).isEmpty();
        assertThat(released.commit(Map.of(), ledger)).isEmpty();
        assertThat(ledger.movements).isEmpty();
    }

    @Test
    void theLedgerReplaysToTheProductsStockThroughAnyHistory() {
        MemoryLedger history = new MemoryLedger();
        Product product = aProduct("MUG", 20, history);
        Map<String, Product> locked = bySku(product);
        List<Reservation> open = new java.util.ArrayList<>();
        Random random = new Random(42);

        for (int step = 0; step < 2_000; step++) {
            switch (random.nextInt(5)) {
                case 0 -> product.restock(1 + random.nextInt(5), history);
                case 1, 2 -> open.add(Reservation.reserve(UUID.randomUUID(),
                        List.of(line("MUG", 1 + random.nextInt(8))), locked, history));
                case 3 -> {
                    if (!open.isEmpty()) {
                        open.get(random.nextInt(open.size())).commit(locked, history);
                    }
                }
                default -> {
                    if (!open.isEmpty()) {
                        open.remove(random.nextInt(open.size())).release(locked, history);
                    }
                }
            }
            assertThat(product.isBalanced()).isTrue();
            assertThat(StockLevels.replay(history.movements)).isEqualTo(StockLevels.of(product));
        }
        assertThat(StockLevels.of(product).balanced()).isTrue();
        assertThat(open).extracting(Reservation::status).contains(ReservationStatus.REJECTED,
                ReservationStatus.RESERVED, ReservationStatus.COMMITTED);
    }

    private static List<Integer> stock(Product product) {
        assertThat(product.isBalanced()).isTrue();
        return List.of(product.available(), product.reserved(), product.sold());
    }
}
