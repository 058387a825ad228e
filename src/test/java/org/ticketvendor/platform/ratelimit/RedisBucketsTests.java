package org.ticketvendor.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ticketvendor.platform.ratelimit.RateLimitSettings.Limit;
import org.ticketvendor.platform.ratelimit.RateLimitSettings.Policy;
import org.ticketvendor.platform.redis.RedisClients;
import org.ticketvendor.platform.redis.RedisSettings;
import org.ticketvendor.support.MutableClock;
import org.ticketvendor.support.SilentServer;
import org.ticketvendor.support.TestRedis;
import redis.embedded.RedisServer;

/**
 * Buckets in a real Redis (see {@link TestRedis}), shared by two limiters as two instances would share
 * them, and what happens when Redis is not there, does not answer, and comes back. Each test uses keys of
 * its own and deletes them afterwards.
 */
class RedisBucketsTests {

    static final Duration TIMEOUT = Duration.ofMillis(200);
    static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);
    static final Duration RETRY = Duration.ofSeconds(5);

    final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T10:00:00Z"));
    final String prefix = "ticketvendor-test:" + UUID.randomUUID() + ":";
    final RateLimitSettings settings = new RateLimitSettings(
            true, prefix, 1_000, Map.of("login", new Policy(new Limit(5, Duration.ofMinutes(1)), null)));

    final List<RedisClient> clients = new ArrayList<>();
    final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void deleteKeysAndClose() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        for (RedisClient client : clients) {
            client.shutdown();
        }
        if (!clients.isEmpty() && clients.get(0) != null && usedSharedRedis) {
            RedisClient cleaner = RedisClient.create(TestRedis.url());
            try (StatefulRedisConnection<String, String> redis = cleaner.connect()) {
                List<String> keys = redis.sync().keys(prefix + "*");
                if (!keys.isEmpty()) {
                    redis.sync().del(keys.toArray(String[]::new));
                }
                assertThat(redis.sync().keys(prefix + "*")).isEmpty();
            } finally {
                cleaner.shutdown();
            }
        }
    }

    boolean usedSharedRedis;

    @Test
    void twoInstancesSharingOneRedisShareOneBudget() {
        usedSharedRedis = true;
        RedisBuckets first = connected(TestRedis.url());
        RedisBuckets second = connected(TestRedis.url());
        RateLimiter one = new RateLimiter(settings, first);
        RateLimiter two = new RateLimiter(settings, second);

        for (int i = 0; i < 3; i++) {
            assertThat(one.tryAcquire("login", "203.0.113.7", null)).isEmpty();
        }
        for (int i = 0; i < 2; i++) {
            assertThat(two.tryAcquire("login", "203.0.113.7", null)).isEmpty();
        }

        assertThat(one.tryAcquire("login", "203.0.113.7", null)).isPresent();
        assertThat(two.tryAcquire("login", "203.0.113.7", null)).isPresent();
        assertThat(two.tryAcquire("login", "203.0.113.8", null)).isEmpty();
        assertThat(first.down()).isFalse();
        assertThat(second.down()).isFalse();
    }

    @Test
    void bucketsInRedisExpireOnceTheyWouldBeFullAgain() {
        usedSharedRedis = true;
        RateLimiter limiter = new RateLimiter(settings, connected(TestRedis.url()));
        limiter.tryAcquire("login", "203.0.113.9", null);

        RedisClient client = RedisClient.create(TestRedis.url());
        clients.add(client);
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            String key = prefix + "login:ip:203.0.113.9";
            assertThat(redis.sync().exists(key)).isEqualTo(1);
            // One token refills in 12 s, plus the 10 s the key is kept after that.
            assertThat(redis.sync().pttl(key)).isBetween(1L, 22_000L);
        }
    }

    @Test
    void withNothingListeningEveryRequestIsDecidedAtOnceByTheLocalBuckets() {
        RedisBuckets buckets = buckets("redis://127.0.0.1:" + TestRedis.freePort(), TIMEOUT);
        RateLimiter limiter = new RateLimiter(settings, buckets);

        long started = System.nanoTime();
        int allowed = 0;
        for (int i = 0; i < 50; i++) {
            if (limiter.tryAcquire("login", "203.0.113.10", null).isEmpty()) {
                allowed++;
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isLessThan(Duration.ofSeconds(1));
        assertThat(allowed).as("the local buckets still limit").isEqualTo(5);
        await().atMost(Duration.ofSeconds(5)).until(buckets::down);
        assertThat(buckets.connected()).isFalse();
    }

    @Test
    void aServerThatNeverAnswersIsNeverWaitedFor() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            RedisBuckets buckets = buckets("redis://127.0.0.1:" + silent.port(), TIMEOUT);
            RateLimiter limiter = new RateLimiter(settings, buckets);

            long started = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                limiter.tryAcquire("login", "203.0.113.11", null);
            }

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
            await().atMost(Duration.ofSeconds(5)).until(buckets::down);
            assertThat(buckets.connected()).isFalse();
        }
    }

    @Test
    void aRedisThatStopsAnsweringCostsOneTimeoutThenTheLocalBucketsDecide() {
        int port = TestRedis.freePort();
        RedisServer server = TestRedis.startOn(port);
        try {
            RedisBuckets buckets = buckets("redis://127.0.0.1:" + port, Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(10)).until(buckets::connected);
            RateLimiter warm = new RateLimiter(settings, buckets);
            assertThat(warm.tryAcquire("login", "203.0.113.13", null)).isEmpty();
            RedisBuckets slow = buckets("redis://127.0.0.1:" + port, TIMEOUT);
            await().atMost(Duration.ofSeconds(10)).until(slow::connected);
            RateLimiter limiter = new RateLimiter(settings, slow);
            assertThat(limiter.tryAcquire("login", "203.0.113.13", null)).isEmpty();

            RedisClient admin = RedisClient.create("redis://127.0.0.1:" + port);
            clients.add(admin);
            try (StatefulRedisConnection<String, String> redis = admin.connect()) {
                redis.sync().clientPause(3_000);
            }
            long started = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                limiter.tryAcquire("login", "203.0.113.13", null);
            }

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
            assertThat(slow.down()).isTrue();
            assertThat(slow.connected()).isFalse();
        } finally {
            TestRedis.stop(server);
        }
    }

    @Test
    void redisIsUsedAgainWhenItComesBackAndLeftAgainWhenItGoes() throws Exception {
        int port = TestRedis.freePort();
        RedisBuckets buckets = buckets("redis://127.0.0.1:" + port, Duration.ofSeconds(2));
        RateLimiter limiter = new RateLimiter(settings, buckets);
        await().atMost(Duration.ofSeconds(5)).until(buckets::down);
        assertThat(limiter.tryAcquire("login", "203.0.113.12", null)).isEmpty();

        RedisServer server = TestRedis.startOn(port);
        try {
            limiter.tryAcquire("login", "203.0.113.12", null);
            Thread.sleep(300);
            assertThat(buckets.connected())
                    .as("not tried again before the retry interval")
                    .isFalse();

            clock.advance(RETRY);
            limiter.tryAcquire("login", "203.0.113.12", null);
            await().atMost(Duration.ofSeconds(10)).until(buckets::connected);
            assertThat(limiter.tryAcquire("login", "203.0.113.12", null)).isEmpty();
            assertThat(buckets.down()).isFalse();
            RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
            clients.add(client);
            try (StatefulRedisConnection<String, String> redis = client.connect()) {
                assertThat(redis.sync().exists(prefix + "login:ip:203.0.113.12"))
                        .isEqualTo(1);
            }
        } finally {
            TestRedis.stop(server);
        }

        long started = System.nanoTime();
        assertThat(limiter.tryAcquire("login", "203.0.113.12", null)).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(buckets.down()).isTrue();
        assertThat(buckets.connected()).isFalse();
    }

    /** Buckets over Redis at {@code url} with the given command timeout (a cold JVM's first commands are slow). */
    private RedisBuckets buckets(String url, Duration timeout) {
        // A lenient command timeout goes with a lenient connect timeout: the first connection of a cold JVM
        // on a loaded machine can take seconds, and with the test's clock standing still it is never retried.
        Duration connectTimeout =
                timeout.compareTo(Duration.ofSeconds(1)) >= 0 ? Duration.ofSeconds(5) : CONNECT_TIMEOUT;
        RedisSettings redis = new RedisSettings(url, timeout, connectTimeout, RETRY);
        RedisClient client = RedisClients.create(redis);
        clients.add(client);
        ClockTimeMeter time = new ClockTimeMeter(clock);
        RedisBuckets buckets = new RedisBuckets(
                client,
                RedisClients.uri(redis),
                timeout,
                RETRY,
                time,
                new LocalBuckets(1_000, Duration.ofMinutes(1), time));
        closeables.add(0, buckets);
        return buckets;
    }

    private RedisBuckets connected(String url) {
        RedisBuckets buckets = buckets(url, Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(10)).until(buckets::connected);
        return buckets;
    }
}
