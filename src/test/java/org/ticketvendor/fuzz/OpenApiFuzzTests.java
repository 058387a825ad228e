package org.ticketvendor.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.ticketvendor.orders.OrderPayments;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;
import org.ticketvendor.support.TestDatabaseInitializer;
import org.ticketvendor.waitlist.WaitlistOffers;
import tools.jackson.databind.JsonNode;

/**
 * Fuzzes the API from its own OpenAPI document ({@code /v3/api-docs}): for every operation, valid
 * requests (schema-conforming, with real ids from fixtures and earlier responses, as the account the
 * endpoint is for) and invalid ones (a field wrong, broken JSON, other content types, odd parameters
 * and headers, forged or foreign tokens, wrong methods). Asserts no 5xx, every 4xx a problem+json,
 * no access to another account's data, and the stock invariants afterwards.
 *
 * <p>{@code ./mvnw verify} runs 3,000 requests; the full run is {@code ./mvnw -B -ntp test
 * -Dtest=OpenApiFuzzTests -Dfuzz.requests=50000 -Djacoco.skip=true} (see README "Fuzzing"). A failing
 * run prints its seed: {@code -Dfuzz.seed=<seed>} repeats its choices (with {@code fuzz.threads=1}).
 * Rate limits stay on with the shared test context's 1,000,000 budgets; admission control stays on and
 * the fuzzer never sends more than {@code fuzz.threads} requests at once (fewer than its 20 permits).
 */
@IntegrationTest
class OpenApiFuzzTests {

    /** Requests in {@code ./mvnw verify}; {@code -Dfuzz.requests} overrides. */
    static final int DEFAULT_REQUESTS = 3000;

    /** From this many requests on, every operation must have answered a valid request with a 2xx. */
    static final int FULL_RUN = 20_000;

    /** Fixtures are made again this often, as fuzzed requests cancel events and sell tiers out. */
    static final int RESTOCK_EVERY = 300;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WaitlistOffers waitlistOffers;

    @Autowired
    OrderPayments orderPayments;

    @Test
    void fuzzedRequestsGetNoServerErrorOnlyProblemsAndLeaveTheInvariantsIntact() throws Exception {
        FuzzRun run = FuzzRun.fromSystemProperties(DEFAULT_REQUESTS);
        System.out.println("Fuzz seed " + run.seed + " (repeat with -Dfuzz.seed=" + run.seed + "), " + run.requests
                + " requests, " + run.threads + " thread(s), run id " + run.id);
        FuzzReport report = new FuzzReport();
        FuzzClient client = new FuzzClient(port, report);
        ApiSpec spec = ApiSpec.parse(new String(
                        client.expect(200, "GET", "/v3/api-docs", null, null).body(),
                        java.nio.charset.StandardCharsets.UTF_8))
                .withUndocumented();
        World world = new World();
        FuzzFixtures fixtures = new FuzzFixtures(client, world, run);
        fixtures.accounts(new ApiClient(port).adminToken());
        fixtures.stock();
        RequestFactory factory =
                new RequestFactory(spec, world, run, client, new ForgedTokens(TestDatabaseInitializer.jwtSecret()));
        List<String> crossAccount = new ArrayList<>();

        long start = System.nanoTime();
        AtomicInteger sent = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(run.threads);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < run.threads; t++) {
            SplittableRandom random = new SplittableRandom(run.seed + t);
            workers.add(pool.submit(() -> {
                while (true) {
                    int n = sent.get();
                    if (n >= run.requests) {
                        return null;
                    }
                    if (n / RESTOCK_EVERY > restocks.get()) {
                        synchronized (restocks) {
                            if (n / RESTOCK_EVERY > restocks.get()) {
                                restocks.incrementAndGet();
                                runJobs();
                                restock(fixtures);
                            }
                        }
                    }
                    RequestFactory.Planned planned = factory.next(random);
                    var response = client.send(planned.request());
                    if (response.isEmpty()) {
                        continue;
                    }
                    sent.incrementAndGet();
                    learn(world, planned.request(), response.get());
                    if (planned.crossAccount() && response.get().status() / 100 == 2) {
                        synchronized (crossAccount) {
                            crossAccount.add(planned.request().describe() + "\n  -> "
                                    + response.get().status() + " "
                                    + FuzzClient.abbreviate(response.get().text(), 300));
                        }
                    }
                }
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;

        Map<String, Long> invariants = FuzzInvariants.check(jdbc, "fuzz-" + run.id + "-");
        String summary = report.summary(run.seed, seconds) + "Cross-account successes: " + crossAccount.size() + "\n"
                + String.join("\n", crossAccount) + "\nInvariants (run's events only): " + invariants + "\n";
        System.out.println(summary);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "fuzz-report.txt"), summary);

        assertThat(report.fuzzed()).isGreaterThanOrEqualTo(run.requests);
        assertThat(report.failures()).as(summary).isEmpty();
        assertThat(crossAccount).as(summary).isEmpty();
        assertThat(invariants.get("tiers_checked")).isPositive();
        if (run.requests >= FULL_RUN) {
            // A long run must get past every operation's checks at least once (the Stripe webhook is off
            // in test mode: PaymentsStripeIntegrationTests cover it), or the fuzzer is not reaching deep.
            assertThat(report.neverSucceeded())
                    .as(summary)
                    .allMatch(op -> op.contains("/webhooks/stripe") || !op.contains(" /api/"));
        }
        assertThat(FuzzInvariants.clean(invariants)).as(summary).isTrue();
    }

    private final AtomicInteger restocks = new AtomicInteger();

    /**
     * The background jobs that act on what requests leave behind, called as the tests do (they are not
     * scheduled in tests): waitlist offers (so offers can be claimed) and owed refunds. In a run with
     * several threads they run while fuzzed requests change the same rows.
     */
    private void runJobs() {
        waitlistOffers.run();
        orderPayments.payOwedRefunds();
    }

    /**
     * Fresh fixtures during the run. Other threads' fuzzed requests may cancel or buy what is being
     * set up, so a refused step only ends this restock; a 5xx is still recorded by the report.
     */
    private static void restock(FuzzFixtures fixtures) {
        try {
            fixtures.stock();
        } catch (IllegalStateException e) {
            System.out.println("Restock incomplete: " + FuzzClient.abbreviate(e.getMessage(), 300));
        }
    }

    /** A 2xx teaches the world its ids; a valid account answered 401 logs in again. */
    private static void learn(World world, FuzzClient.Request request, FuzzClient.Response response) {
        Identity who = request.identity();
        if (response.status() == 401 && who != null && request.strategy().equals("valid")) {
            who.renew();
        }
        if (response.status() / 100 != 2 || !response.contentType().startsWith("application/json")) {
            return;
        }
        JsonNode body = response.json();
        boolean publicRead = request.method().equals("GET")
                && (request.target().startsWith("/api/v1/events")
                        || request.target().startsWith("/api/v1/tiers"));
        String owner = who == null || publicRead || request.strategy().equals("auth") ? null : who.name;
        world.harvest(request.resourceKind(), body, response.etag().orElse(null), owner);
    }
}
