package org.ticketvendor.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.ticketvendor.identity.domain.RefreshTokenCodec;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;

/**
 * Races on one refresh token and on one email's login counter. Each test has a negative control:
 * the same race run without the row lock, showing that the race is real on this machine.
 */
@IntegrationTest
class ConcurrencyIntegrationTests {

    static final int RACERS = 8;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    @Test
    void aRefreshTokenRacedByManyClientsIsSpentExactlyOnce() throws Exception {
        String refresh = api.register(ApiClient.newEmail(), ApiClient.PASSWORD).path("tokens.refresh_token");

        List<Integer> statuses = race(() -> api.refresh(refresh).statusCode());

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 401).hasSize(RACERS - 1);
    }

    @Test
    void negativeControlWithoutTheRowLockTheSameRaceSpendsATokenTwice() throws Exception {
        String refresh = api.register(ApiClient.newEmail(), ApiClient.PASSWORD).path("tokens.refresh_token");
        byte[] hash = RefreshTokenCodec.hash(refresh);
        AtomicInteger spent = new AtomicInteger();

        // The naive check-then-act the repository avoids: read without "for update", then write.
        race(() -> {
            boolean unused = jdbc.sql("select rotated_at is null from refresh_tokens where token_hash = :h")
                    .param("h", hash)
                    .query(Boolean.class)
                    .single();
            Thread.sleep(50);
            if (unused) {
                jdbc.sql("update refresh_tokens set rotated_at = now() where token_hash = :h")
                        .param("h", hash)
                        .update();
                spent.incrementAndGet();
            }
            return 0;
        });

        assertThat(spent.get()).isGreaterThan(1);
    }

    @Test
    void parallelGuessesCannotExceedTheFailureLimit() throws Exception {
        String email = ApiClient.newEmail();
        api.register(email, ApiClient.PASSWORD).then().statusCode(201);

        List<Integer> statuses =
                race(() -> api.login(email, "wrong password guess").statusCode());

        // max-failed-logins is 3 in tests: exactly three guesses are checked, the rest are refused unchecked.
        assertThat(statuses).filteredOn(s -> s == 401).hasSize(3);
        assertThat(statuses).filteredOn(s -> s == 429).hasSize(RACERS - 3);
        Response locked = api.login(email, ApiClient.PASSWORD);
        assertThat(locked.statusCode()).isEqualTo(429);
    }

    private static <T> List<T> race(Callable<T> action) throws Exception {
        CyclicBarrier start = new CyclicBarrier(RACERS);
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                futures.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return action.call();
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
