package org.ticketvendor.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ticketvendor.reliability.Shop.Reply;

/**
 * The packaged app is killed with SIGKILL in the middle of a sale, then started again on the same data
 * directory. Its embedded PostgreSQL outlives the kill (pg_ctl daemonises it), so the restart must take
 * over from that orphan. Afterwards, with clients retrying what they never got an answer to: no order a
 * client saw paid is lost, no money taken is lost, no buyer got two orders for one Idempotency-Key, no
 * hold is stuck, and the stock counters match the rows.
 */
class KillNineReliabilityIT {

    private static final int BUYERS = 240;
    private static final int CAPACITY = 200;
    private static final int CLIENTS = 16;
    /** Kill once this many purchases were confirmed paid, so there is something to lose. */
    private static final int PAID_BEFORE_KILL = 40;

    private static final Duration HOLD_TTL = Duration.ofSeconds(20);

    @TempDir
    Path work;

    /** One buyer's purchase as its client saw it. */
    static final class Attempt {
        final String email;
        final String key = UUID.randomUUID().toString();
        final int quantity;
        final boolean pays;
        volatile String token;
        volatile Reply hold;
        volatile Reply pay;
        volatile Reply confirm;
        volatile UUID orderId;
        volatile String paymentId;

        Attempt(String email, int index) {
            this.email = email;
            this.quantity = 1 + index % 2;
            this.pays = index % 4 != 3; // three in four pay, the rest walk away
        }

        boolean sawPaid() {
            return confirm != null
                    && confirm.status() == 200
                    && "paid".equals(confirm.json().path("status").asString());
        }

        boolean paymentTaken() {
            return pay != null
                    && pay.status() == 200
                    && "succeeded".equals(pay.json().path("status").asString());
        }
    }

    @Test
    void aKilledInstanceLosesNoPaidOrderAndLeavesNoHoldStuck() throws Exception {
        Path dataDir = work.resolve("data");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DATA_DIR", dataDir.toString());
        env.put("DATABASE_URL", "");
        env.put("TICKETVENDOR_RATE_LIMITS_ENABLED", "false");
        env.put("TICKETVENDOR_INVENTORY_HOLD_TTL", HOLD_TTL.getSeconds() + "s");
        env.put("TICKETVENDOR_ORDERS_EXPIRY_INTERVAL", "1s");
        env.put("TICKETVENDOR_INVENTORY_SWEEP_INTERVAL", "1s");
        env.put("TICKETVENDOR_INVENTORY_SWEEP_GRACE", "3s");
        ClusterControl cluster = new ClusterControl(dataDir);
        try {
            killAndRestart(env, cluster);
        } finally {
            // Should the test fail between the kill and the restart, the orphan would outlive it.
            if (cluster.postmaster().isPresent()) {
                cluster.stopServer();
            }
        }
    }

    private void killAndRestart(Map<String, String> env, ClusterControl cluster) throws Exception {
        PackagedApp first = PackagedApp.start(env, PackagedApp.logFile("kill-nine-first"));
        List<Attempt> attempts;
        Shop.Tier tier;
        try {
            Shop shop = new Shop(first.baseUrl(), Duration.ofSeconds(30));
            tier = shop.publishedTier(CAPACITY, 2);
            List<String> emails;
            try (Connection c = cluster.connect()) {
                emails = StockAudit.seedBuyers(
                        c, "kill-" + UUID.randomUUID().toString().substring(0, 6), BUYERS);
            }
            attempts = new ArrayList<>();
            for (int i = 0; i < emails.size(); i++) {
                attempts.add(new Attempt(emails.get(i), i));
            }
            loginAll(shop, attempts);
            long postmasterBefore = cluster.postmaster().orElseThrow().pid();

            AtomicBoolean killed = new AtomicBoolean();
            AtomicInteger paid = new AtomicInteger();
            ConcurrentLinkedQueue<Attempt> queue = new ConcurrentLinkedQueue<>(attempts);
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            for (int i = 0; i < CLIENTS; i++) {
                clients.execute(() -> {
                    Attempt a;
                    while (!killed.get() && (a = queue.poll()) != null) {
                        buy(shop, tier, a);
                        if (a.sawPaid()) {
                            paid.incrementAndGet();
                        }
                    }
                });
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (paid.get() < PAID_BEFORE_KILL && !queue.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(paid.get()).as("purchases confirmed before the kill").isGreaterThanOrEqualTo(PAID_BEFORE_KILL);
            killed.set(true);
            first.kill9();
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

            System.out.println("Before the kill: " + summary(attempts));
            assertThat(attempts)
                    .as("requests in flight when the app died got no answer")
                    .anyMatch(a -> cut(a.hold) || cut(a.pay) || cut(a.confirm));
            assertThat(cluster.postmaster())
                    .as("the embedded PostgreSQL outlives SIGKILL of the app")
                    .get()
                    .extracting(ProcessHandle::pid)
                    .isEqualTo(postmasterBefore);
        } finally {
            if (first.isAlive()) {
                first.kill9();
            }
        }

        PackagedApp second = PackagedApp.start(env, PackagedApp.logFile("kill-nine-second"));
        try {
            assertThat(second.logLines("from an earlier run still uses"))
                    .as("the restart stopped the orphaned server first")
                    .hasSize(1);
            Shop shop = new Shop(second.baseUrl(), Duration.ofSeconds(30));
            retryWhatWasNeverAnswered(shop, tier, attempts);
            System.out.println("After the retries: " + summary(attempts));

            try (Connection c = cluster.connect()) {
                awaitSettled(c);
                Map<String, Long> violations = StockAudit.violations(c, 5);
                assertThat(StockAudit.nonZero(violations))
                        .as("invariants after the restart")
                        .isEmpty();
                assertThat(StockAudit.count(c, "select count(*) from holds where status = 'active'"))
                        .as("every unpaid hold expired after the restart")
                        .isZero();
                assertThat(StockAudit.count(c, """
                                select count(*) from (select user_id from orders group by user_id
                                                      having count(*) > 1) twice
                                """))
                        .as("buyers with two orders although their client used one Idempotency-Key")
                        .isZero();
                assertPaidOrdersKept(c, attempts);
                assertNoPaymentLost(c, attempts);
                auditDetectsACorruptCounter(c);
            }
            assertThat(second.logLines(" ERROR "))
                    .as("errors logged after the restart")
                    .isEmpty();
        } finally {
            second.stop();
        }
        assertThat(cluster.postmaster())
                .as("a graceful stop stops the embedded server")
                .isEmpty();
    }

    private static void loginAll(Shop shop, List<Attempt> attempts) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        attempts.forEach(a -> pool.execute(() -> a.token = shop.login(a.email)));
        pool.shutdown();
        assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
        assertThat(attempts).allMatch(a -> a.token != null, "logged in");
    }

    /** Hold, then (for most buyers) pay and confirm; stops at the first step that got no good answer. */
    private static void buy(Shop shop, Shop.Tier tier, Attempt a) {
        a.hold = shop.hold(a.token, tier.tierId(), a.quantity, a.key);
        if (a.hold.status() != 201) {
            return;
        }
        a.orderId = UUID.fromString(a.hold.json().path("id").asString());
        a.paymentId = a.hold.json().path("payment").path("provider_payment_id").asString();
        if (!a.pays) {
            return;
        }
        a.pay = shop.pay(a.token, a.paymentId);
        if (a.pay.status() != 200) {
            return;
        }
        a.confirm = shop.confirm(a.token, a.orderId.toString());
    }

    /**
     * What a client does after an outage: send again what got no answer, with the same Idempotency-Key; a
     * payment whose outcome it never learnt is confirmed (the server asks the provider).
     */
    private static void retryWhatWasNeverAnswered(Shop shop, Shop.Tier tier, List<Attempt> attempts) {
        for (Attempt a : attempts) {
            if (cut(a.hold)) {
                a.hold = shop.hold(a.token, tier.tierId(), a.quantity, a.key);
                if (a.hold.status() == 201) {
                    a.orderId = UUID.fromString(a.hold.json().path("id").asString());
                    a.paymentId = a.hold.json()
                            .path("payment")
                            .path("provider_payment_id")
                            .asString();
                }
            } else if (cut(a.pay) || cut(a.confirm)) {
                a.confirm = shop.confirm(a.token, a.orderId.toString());
            }
        }
    }

    /** How many clients saw what, per step: e.g. {@code hold={201=150, 409:sold_out=20, conn_error=3}}. */
    private static String summary(List<Attempt> attempts) {
        Map<String, Map<String, Long>> steps = new LinkedHashMap<>();
        steps.put("hold", tally(attempts, a -> a.hold));
        steps.put("pay", tally(attempts, a -> a.pay));
        steps.put("confirm", tally(attempts, a -> a.confirm));
        return steps + ", confirmed paid "
                + attempts.stream().filter(Attempt::sawPaid).count();
    }

    private static Map<String, Long> tally(List<Attempt> attempts, java.util.function.Function<Attempt, Reply> step) {
        return attempts.stream()
                .map(step)
                .filter(java.util.Objects::nonNull)
                .collect(Collectors.groupingBy(Reply::label, java.util.TreeMap::new, Collectors.counting()));
    }

    /** A request that was sent and got no answer: the app died under it. */
    private static boolean cut(Reply reply) {
        return reply != null && !reply.answered();
    }

    /** Waits until no hold is active and no order waits for payment: the jobs have done their work. */
    private static void awaitSettled(Connection c) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(HOLD_TTL.getSeconds() + 90);
        while (System.nanoTime() < deadline) {
            long open = StockAudit.count(c, """
                    select (select count(*) from holds where status = 'active')
                         + (select count(*) from orders where status = 'pending_payment')
                    """);
            if (open == 0) {
                return;
            }
            Thread.sleep(1000);
        }
    }

    private static void assertPaidOrdersKept(Connection c, List<Attempt> attempts) throws Exception {
        List<Attempt> sawPaid = attempts.stream().filter(Attempt::sawPaid).toList();
        Set<UUID> ids = sawPaid.stream().map(a -> a.orderId).collect(Collectors.toSet());
        Map<UUID, String> statuses = StockAudit.orderStatuses(c, ids);
        Map<UUID, Long> tickets = StockAudit.validTickets(c, ids);
        for (Attempt a : sawPaid) {
            assertThat(statuses.get(a.orderId))
                    .as("order %s its client saw paid", a.orderId)
                    .isEqualTo("paid");
            assertThat(tickets.get(a.orderId))
                    .as("tickets of order %s", a.orderId)
                    .isEqualTo((long) a.quantity);
        }
    }

    /** Money the test-mode provider took ends up as a paid order, or as a refund owed for it. */
    private static void assertNoPaymentLost(Connection c, List<Attempt> attempts) throws Exception {
        List<Attempt> taken = attempts.stream().filter(Attempt::paymentTaken).toList();
        Set<UUID> ids = taken.stream().map(a -> a.orderId).collect(Collectors.toSet());
        Map<UUID, String> statuses = StockAudit.orderStatuses(c, ids);
        Map<UUID, Long> tickets = StockAudit.validTickets(c, ids);
        for (Attempt a : taken) {
            String status = statuses.get(a.orderId);
            if ("paid".equals(status)) {
                assertThat(tickets.get(a.orderId))
                        .as("tickets of paid order %s", a.orderId)
                        .isEqualTo((long) a.quantity);
            } else {
                assertThat(StockAudit.count(
                                c,
                                "select count(*) from order_refunds where kind = 'late_payment' and order_id = '"
                                        + a.orderId + "'"))
                        .as("order %s was paid at the provider but is %s: its refund must be owed", a.orderId, status)
                        .isEqualTo(1);
            }
        }
    }

    /** Negative control: the audit is not blind. A counter off by one is reported (and rolled back). */
    private static void auditDetectsACorruptCounter(Connection c) throws Exception {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("update tier_stock set sold = sold - 1 where sold > 0"))
                    .isPositive();
            assertThat(StockAudit.violations(c, 5))
                    .containsEntry("tiers whose sold counter differs from their valid tickets", 1L);
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
        assertThat(StockAudit.nonZero(StockAudit.violations(c, 5))).isEmpty();
    }
}
