package org.ticketvendor.waitlist;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.ticketvendor.inventory.Holds;
import org.ticketvendor.orders.SaleFixture;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;

/**
 * Offer jobs running side by side (as on many instances) never offer one seat twice or one entry
 * twice; the negative control shows the race is there without the locks and guards.
 */
@IntegrationTest
class WaitlistRaceIntegrationTests {

    static final int SEATS = 20;
    static final int WAITERS = 30;
    static final int JOBS = 8;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Waitlist waitlist;

    @Autowired
    WaitlistOffers offers;

    @Autowired
    Holds holds;

    SaleFixture sale;
    String blocker;
    List<UUID> entries;

    @BeforeEach
    void setUp() {
        ApiClient api = new ApiClient(port);
        sale = SaleFixture.publishedEvent(api, SEATS, 1000, 10);
        blocker = "race-blocker-" + UUID.randomUUID();
        holds.place(blocker, Map.of(sale.tierId(), SEATS));
        entries = new ArrayList<>();
        for (int i = 0; i < WAITERS; i++) {
            UUID buyer = UUID.fromString(
                    api.register(ApiClient.newEmail(), ApiClient.PASSWORD).path("user.id"));
            entries.add(waitlist.join(buyer, null, sale.tierId(), 1).id());
        }
    }

    @Test
    void concurrentOfferJobsOfferEachSeatAndEntryOnce() throws Exception {
        holds.release(blocker);

        race(() -> offers.makeOffers() + offers.makeOffers());

        assertThat(jdbc.sql("select id from waitlist where tier_id = :t and status = 'offered' order by position")
                        .param("t", sale.tierId())
                        .query(UUID.class)
                        .list())
                .containsExactlyElementsOf(entries.subList(0, SEATS));
        assertThat(jdbc.sql("select count(*) from holds where reference = any(:refs) and status = 'active'")
                        .param(
                                "refs",
                                entries.stream().map(id -> "waitlist:" + id).toArray(String[]::new))
                        .query(Long.class)
                        .single())
                .isEqualTo(SEATS);
        Map<String, Object> stock = jdbc.sql("select held, waiting, capacity from tier_stock where tier_id = :t")
                .param("t", sale.tierId())
                .query()
                .singleRow();
        assertThat(stock).containsEntry("held", SEATS).containsEntry("waiting", WAITERS - SEATS);
        assertThat(jdbc.sql(
                                "select count(*) from audit_log where action = 'waitlist.offered' and entity_id = any(:ids)")
                        .param("ids", entries.stream().map(UUID::toString).toArray(String[]::new))
                        .query(Long.class)
                        .single())
                .isEqualTo(SEATS);
    }

    /**
     * Negative control: the same jobs through a naive path that reads the free seats and the queue
     * without locks, then offers without re-checking: seats are offered more than once.
     */
    @Test
    void negativeControlANaiveOfferJobOffersSeatsTwice() throws Exception {
        holds.release(blocker);

        List<Integer> made = race(this::naiveOffers);

        assertThat(made.stream().mapToInt(Integer::intValue).sum()).isGreaterThan(SEATS);
    }

    private int naiveOffers() throws InterruptedException {
        int free = jdbc.sql("select capacity - sold - held from tier_stock where tier_id = :t")
                .param("t", sale.tierId())
                .query(Integer.class)
                .single();
        List<UUID> waiting = jdbc.sql(
                        "select id from waitlist where tier_id = :t and status = 'waiting' order by position limit :n")
                .param("t", sale.tierId())
                .param("n", free)
                .query(UUID.class)
                .list();
        Thread.sleep(50); // the gap between deciding and writing that the real job closes with locks
        int offered = 0;
        for (UUID id : waiting) {
            offered += jdbc.sql("""
                            update waitlist set status = 'offered', offered_at = now(),
                                offer_expires_at = now() + interval '30 minutes'
                            where id = :id
                            """).param("id", id).update();
        }
        return offered;
    }

    private List<Integer> race(Callable<Integer> job) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(JOBS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < JOBS; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return job.call();
                }));
            }
            start.countDown();
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
