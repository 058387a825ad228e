package org.ticketvendor.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.ticketvendor.inventory.InventoryExceptions.CapacityBelowCommittedException;
import org.ticketvendor.inventory.InventoryExceptions.InvalidCapacityException;
import org.ticketvendor.inventory.InventoryExceptions.StockInUseException;
import org.ticketvendor.inventory.InventoryExceptions.StockNotFoundException;
import org.ticketvendor.support.IntegrationTest;

@IntegrationTest
class InventoryIntegrationTests {

    static final int RACERS = 8;
    static final int HOLDS_PER_RACER = 5;
    static final int START_CAPACITY = 100;
    static final int TARGET_CAPACITY = 10;
    static final int ROUNDS = 5;

    @Autowired
    Inventory inventory;

    @Autowired
    JdbcClient jdbc;

    @Test
    void createsStockAndReportsAvailability() {
        UUID tier = newTier();
        inventory.createStock(tier, 50);

        Availability stock = inventory.availability(tier);

        assertThat(stock).isEqualTo(new Availability(50, 0, 0));
        assertThat(stock.available()).isEqualTo(50);
        assertThat(stock.soldOut()).isFalse();
    }

    @Test
    void raisesCapacityAtAnyTime() {
        UUID tier = newTier();
        inventory.createStock(tier, 10);
        setCounters(tier, 6, 4);
        assertThat(inventory.availability(tier).soldOut()).isTrue();

        Availability raised = inventory.resize(tier, 25);

        assertThat(raised).isEqualTo(new Availability(25, 6, 4));
        assertThat(raised.available()).isEqualTo(15);
    }

    @Test
    void lowersCapacityOnlyDownToWhatIsCommitted() {
        UUID tier = newTier();
        inventory.createStock(tier, 100);
        setCounters(tier, 30, 12);

        assertThat(inventory.resize(tier, 42)).isEqualTo(new Availability(42, 30, 12));
        assertThatThrownBy(() -> inventory.resize(tier, 41))
                .isInstanceOfSatisfying(CapacityBelowCommittedException.class, e -> {
                    assertThat(e.code()).isEqualTo("capacity_below_committed");
                    assertThat(e.status().value()).isEqualTo(409);
                    assertThat(e.properties()).containsEntry("committed", 42);
                    assertThat(e.detail()).contains("42");
                });
        assertThat(inventory.availability(tier).capacity()).isEqualTo(42);
    }

    @Test
    void refusesToRemoveStockWithSalesOrHolds() {
        UUID sold = newTier();
        inventory.createStock(sold, 10);
        setCounters(sold, 1, 0);
        UUID held = newTier();
        inventory.createStock(held, 10);
        setCounters(held, 0, 1);

        for (UUID tier : List.of(sold, held)) {
            assertThatThrownBy(() -> inventory.removeStock(tier))
                    .isInstanceOfSatisfying(StockInUseException.class, e -> {
                        assertThat(e.code()).isEqualTo("tier_has_sales");
                        assertThat(e.status().value()).isEqualTo(409);
                    });
            assertThat(inventory.availability(tier)).isNotNull();
        }
    }

    @Test
    void removesUnusedStock() {
        UUID tier = newTier();
        inventory.createStock(tier, 10);

        inventory.removeStock(tier);

        assertThatThrownBy(() -> inventory.availability(tier)).isInstanceOf(StockNotFoundException.class);
    }

    @Test
    void reportsManyTiersInOneCall() {
        UUID first = newTier();
        UUID second = newTier();
        UUID withoutStock = newTier();
        inventory.createStock(first, 10);
        inventory.createStock(second, 20);
        setCounters(second, 5, 15);

        Map<UUID, Availability> stock = inventory.availability(List.of(first, second, withoutStock));

        assertThat(stock)
                .containsOnly(
                        Map.entry(first, new Availability(10, 0, 0)), Map.entry(second, new Availability(20, 5, 15)));
        assertThat(stock.get(second).soldOut()).isTrue();
        assertThat(inventory.availability(List.of())).isEmpty();
    }

    @Test
    void rejectsUnknownTiers() {
        UUID unknown = UUID.randomUUID();

        assertThatThrownBy(() -> inventory.availability(unknown))
                .isInstanceOfSatisfying(StockNotFoundException.class, e -> {
                    assertThat(e.code()).isEqualTo("stock_not_found");
                    assertThat(e.status().value()).isEqualTo(404);
                });
        assertThatThrownBy(() -> inventory.resize(unknown, 10)).isInstanceOf(StockNotFoundException.class);
        assertThatThrownBy(() -> inventory.removeStock(unknown)).isInstanceOf(StockNotFoundException.class);
    }

    @Test
    void rejectsCapacitiesOutOfRange() {
        UUID tier = newTier();
        assertThatThrownBy(() -> inventory.createStock(tier, 0)).isInstanceOf(InvalidCapacityException.class);
        inventory.createStock(tier, Inventory.MAX_CAPACITY);
        assertThatThrownBy(() -> inventory.resize(tier, Inventory.MAX_CAPACITY + 1))
                .isInstanceOf(InvalidCapacityException.class);
    }

    @Test
    void resizesRacingWithHoldsNeverOversell() throws Exception {
        // Either side can win a round; repeated so that holds landing first (the case the conditional
        // resize exists for) happens in practice: an unconditional resize fails this test.
        for (int round = 0; round < ROUNDS; round++) {
            UUID tier = tierNearTarget();

            RaceResult race = raceResizesAgainstHolds(tier, begun -> {
                begun.run();
                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(5_000_000));
                inventory.resize(tier, TARGET_CAPACITY);
            });

            // The CHECK constraint never had to step in: every refusal is the business answer.
            assertThat(race.resizeFailures())
                    .allSatisfy(e -> assertThat(e).isInstanceOf(CapacityBelowCommittedException.class));
            assertThat(race.holdFailures()).isEmpty();
            Availability after = inventory.availability(tier);
            assertThat(after.sold() + after.held()).isLessThanOrEqualTo(after.capacity());
            assertThat(after.held()).isEqualTo(TARGET_CAPACITY - 1 + race.holdsGranted());
            assertThat(after.capacity()).isEqualTo(race.resizeSuccesses() > 0 ? TARGET_CAPACITY : START_CAPACITY);
        }
    }

    @Test
    void negativeControlANaiveReadThenWriteResizeRacingWithHoldsHitsTheOversoldCheck() throws Exception {
        UUID tier = tierNearTarget();

        // The check-then-act that Inventory.resize avoids: read sold + held, decide, write unconditionally.
        RaceResult race = raceResizesAgainstHolds(tier, begun -> {
            int committed = jdbc.sql("select sold + held from tier_stock where tier_id = :t")
                    .param("t", tier)
                    .query(Integer.class)
                    .single();
            begun.run();
            Thread.sleep(100);
            if (committed > TARGET_CAPACITY) {
                throw new CapacityBelowCommittedException(committed);
            }
            jdbc.sql("update tier_stock set capacity = :c where tier_id = :t")
                    .param("c", TARGET_CAPACITY)
                    .param("t", tier)
                    .update();
        });

        // Holds landed between the read and the write; only the CHECK constraint saved the counters.
        assertThat(race.resizeFailures())
                .filteredOn(e -> e instanceof DataIntegrityViolationException)
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e).hasMessageContaining("tier_stock_not_oversold"));
        Availability after = inventory.availability(tier);
        assertThat(after.sold() + after.held()).isLessThanOrEqualTo(after.capacity());
    }

    /** One resize attempt; runs {@code begun} once it has started (for the naive one: after its read). */
    @FunctionalInterface
    private interface ResizeAttempt {
        void run(Runnable begun) throws Exception;
    }

    private record RaceResult(
            int resizeSuccesses, List<Throwable> resizeFailures, int holdsGranted, List<Throwable> holdFailures) {}

    /**
     * {@value #RACERS} threads resize the tier down to {@value #TARGET_CAPACITY} while {@value #RACERS}
     * others each take {@value #HOLDS_PER_RACER} one-seat holds with the conditional statement holds will
     * use. The holders start once every resizer has begun, so holds land while the resizes are in
     * flight.
     */
    private RaceResult raceResizesAgainstHolds(UUID tier, ResizeAttempt resize) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2 * RACERS);
        CountDownLatch resizesBegun = new CountDownLatch(RACERS);
        ExecutorService pool = Executors.newFixedThreadPool(2 * RACERS);
        try {
            List<Future<Throwable>> resizes = new ArrayList<>();
            List<Future<Integer>> holds = new ArrayList<>();
            List<Throwable> holdFailures = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                resizes.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    try {
                        resize.run(resizesBegun::countDown);
                        return null;
                    } catch (Exception e) {
                        resizesBegun.countDown();
                        return e;
                    }
                }));
                holds.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    resizesBegun.await(10, TimeUnit.SECONDS);
                    int granted = 0;
                    for (int h = 0; h < HOLDS_PER_RACER; h++) {
                        granted += holdOneSeat(tier);
                    }
                    return granted;
                }));
            }
            int resizeSuccesses = 0;
            List<Throwable> resizeFailures = new ArrayList<>();
            for (Future<Throwable> f : resizes) {
                Throwable failure = f.get(30, TimeUnit.SECONDS);
                if (failure == null) {
                    resizeSuccesses++;
                } else {
                    resizeFailures.add(failure);
                }
            }
            int holdsGranted = 0;
            for (Future<Integer> f : holds) {
                try {
                    holdsGranted += f.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    holdFailures.add(e.getCause());
                }
            }
            return new RaceResult(resizeSuccesses, resizeFailures, holdsGranted, holdFailures);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A tier of {@value #START_CAPACITY} seats with one seat fewer than the target held: a resize to the
     * target succeeds until two more holds land, and is refused after.
     */
    private UUID tierNearTarget() {
        UUID tier = newTier();
        inventory.createStock(tier, START_CAPACITY);
        setCounters(tier, 0, TARGET_CAPACITY - 1);
        return tier;
    }

    private int holdOneSeat(UUID tier) {
        return jdbc.sql("update tier_stock set held = held + 1 where tier_id = :t and sold + held + 1 <= capacity")
                .param("t", tier)
                .update();
    }

    private void setCounters(UUID tier, int sold, int held) {
        jdbc.sql("update tier_stock set sold = :sold, held = :held where tier_id = :t")
                .param("sold", sold)
                .param("held", held)
                .param("t", tier)
                .update();
    }

    /** A tier row for stock to hang off: a promoter user, a promoter, an event and the tier. */
    private UUID newTier() {
        return StockFixtures.newTier(jdbc);
    }
}
