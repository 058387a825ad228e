package org.ticketvendor.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.ticketvendor.inventory.InventoryExceptions.HoldNotActiveException;
import org.ticketvendor.inventory.InventoryExceptions.SoldOutException;
import org.ticketvendor.support.IntegrationTest;

@IntegrationTest
class HoldsIntegrationTests {

    static final int BUYERS = 500;
    static final int SEATS = 50;

    @Autowired
    Holds holds;

    @Autowired
    Inventory inventory;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aHoldCountsSeatsAsHeldUntilTheyAreSold() {
        UUID tier = tierWithStock(10);
        var hold = holds.place(ref(), Map.of(tier, 3));

        assertThat(inventory.availability(tier)).isEqualTo(new Availability(10, 0, 3));
        assertThat(hold.expiresAt()).isAfter(java.time.Instant.now().plus(Duration.ofMinutes(4)));
        holds.sell(hold.reference());
        assertThat(inventory.availability(tier)).isEqualTo(new Availability(10, 3, 0));
    }

    @Test
    void aHoldOverSeveralTiersIsAllOrNothing() {
        UUID plenty = tierWithStock(10);
        UUID scarce = tierWithStock(1);
        while (plenty.toString().compareTo(scarce.toString()) > 0) {
            scarce = tierWithStock(1); // tiers are held in id order: the plentiful one must come first
        }
        UUID scarceTier = scarce;

        assertThatThrownBy(() -> holds.place(ref(), Map.of(plenty, 2, scarceTier, 2)))
                .isInstanceOf(SoldOutException.class)
                .satisfies(e -> assertThat(((SoldOutException) e).properties().get("available"))
                        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                        .containsExactlyInAnyOrder(
                                Map.of("tier_id", plenty.toString(), "available", 10),
                                Map.of("tier_id", scarceTier.toString(), "available", 1)));
        assertThat(inventory.availability(plenty).held()).isZero();
        assertThat(inventory.availability(scarceTier).held()).isZero();
    }

    @Test
    void releasingGivesTheSeatsBackAtOnce() {
        UUID tier = tierWithStock(2);
        String reference = holds.place(ref(), Map.of(tier, 2)).reference();
        assertThat(inventory.availability(tier).soldOut()).isTrue();

        assertThat(holds.release(reference)).isTrue();
        assertThat(holds.release(reference)).isFalse();
        assertThat(inventory.availability(tier).available()).isEqualTo(2);
        assertThatThrownBy(() -> holds.sell(reference)).isInstanceOf(HoldNotActiveException.class);
    }

    @Test
    void overdueHoldsExpireWithoutAnyonesHelpAndAreAudited() {
        UUID tier = tierWithStock(5);
        String reference =
                holds.place(ref(), Map.of(tier, 4), Duration.ofSeconds(-1)).reference();

        int expired = holds.expireOverdue(Duration.ZERO, 10_000);

        assertThat(expired).isGreaterThanOrEqualTo(1);
        assertThat(inventory.availability(tier).held()).isZero();
        assertThatThrownBy(() -> holds.sell(reference)).isInstanceOf(HoldNotActiveException.class);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'hold.expired' and entity_id = :r")
                        .param("r", reference)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void holdsWithinTheGraceAreLeftToTheirOwner() {
        UUID tier = tierWithStock(5);
        holds.place(ref(), Map.of(tier, 1), Duration.ofSeconds(-1));
        holds.expireOverdue(Duration.ofMinutes(10), 10_000);
        assertThat(inventory.availability(tier).held()).isEqualTo(1);
    }

    @Test
    void concurrentSweepersExpireEachHoldOnce() throws Exception {
        UUID tier = tierWithStock(200);
        for (int i = 0; i < 100; i++) {
            holds.place(ref(), Map.of(tier, 2), Duration.ofSeconds(-1));
        }
        race(4, () -> holds.expireOverdue(Duration.ZERO, 7));
        holds.expireOverdue(Duration.ZERO, 10_000);
        assertThat(inventory.availability(tier).held()).isZero();
    }

    /** 500 buyers, 50 seats, three times over: exactly 50 holds, never more. */
    @Test
    void manyMoreBuyersThanSeatsNeverOversell() throws Exception {
        for (int round = 0; round < 3; round++) {
            UUID tier = tierWithStock(SEATS);
            AtomicInteger soldOut = new AtomicInteger();
            List<Boolean> placed = race(BUYERS, () -> {
                try {
                    holds.place(ref(), Map.of(tier, 1));
                    return true;
                } catch (SoldOutException e) {
                    soldOut.incrementAndGet();
                    return false;
                }
            });
            assertThat(placed).filteredOn(b -> b).hasSize(SEATS);
            assertThat(soldOut.get()).isEqualTo(BUYERS - SEATS);
            assertThat(inventory.availability(tier)).isEqualTo(new Availability(SEATS, 0, SEATS));
            assertThat(jdbc.sql("select count(*) from hold_items where tier_id = :t")
                            .param("t", tier)
                            .query(Long.class)
                            .single())
                    .isEqualTo(SEATS);
        }
    }

    /**
     * Negative control: the same race through a naive read-then-write hold (check the counter, then
     * write the new value) grants more holds than there are seats. The race is real; the guarded
     * statement is what stops it.
     */
    @Test
    void negativeControlANaiveHoldOversellsUnderTheSameRace() throws Exception {
        UUID tier = tierWithStock(SEATS);
        List<Boolean> granted = race(BUYERS, () -> {
            int held = jdbc.sql("select held from tier_stock where tier_id = :t")
                    .param("t", tier)
                    .query(Integer.class)
                    .single();
            if (held + 1 > SEATS) {
                return false;
            }
            Thread.sleep(1);
            jdbc.sql("update tier_stock set held = :held where tier_id = :t")
                    .param("held", held + 1)
                    .param("t", tier)
                    .update();
            return true;
        });
        assertThat(granted).filteredOn(b -> b).hasSizeGreaterThan(SEATS);
    }

    private UUID tierWithStock(int capacity) {
        UUID tier = StockFixtures.newTier(jdbc);
        inventory.createStock(tier, capacity);
        return tier;
    }

    private static String ref() {
        return "test-" + UUID.randomUUID();
    }

    private static <T> List<T> race(int threads, Callable<T> action) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, 64));
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return action.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
