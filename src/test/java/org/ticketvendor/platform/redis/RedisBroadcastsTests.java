package org.ticketvendor.platform.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ticketvendor.support.SilentServer;
import org.ticketvendor.support.TestRedis;
import redis.embedded.RedisServer;

/**
 * Broadcasts between two "instances" over a real Redis (see {@link TestRedis}), and what happens when
 * Redis is not there, does not answer, and comes back: publishing never waits. Each test uses channels of
 * its own (publish/subscribe leaves nothing behind in Redis).
 */
class RedisBroadcastsTests {

    static final Duration TIMEOUT = Duration.ofMillis(200);
    static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);
    static final Duration CHECK = Duration.ofMillis(200);

    final String prefix = "ticketvendor-test:" + UUID.randomUUID() + ":";
    final List<RedisClient> clients = new ArrayList<>();
    final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        for (RedisClient client : clients) {
            client.shutdown();
        }
    }

    @Test
    void eachInstanceHearsTheOthersInOrderButNotItself() {
        RedisBroadcasts first = connected(TestRedis.url(), prefix);
        RedisBroadcasts second = connected(TestRedis.url(), prefix);
        RedisBroadcasts elsewhere = connected(TestRedis.url(), prefix + "other:");
        List<String> heardByFirst = listen(first, "stock");
        List<String> heardBySecond = listen(second, "stock");
        List<String> otherTopic = listen(second, "prices");
        List<String> otherPrefix = listen(elsewhere, "stock");

        for (int i = 0; i < 20; i++) {
            first.publish("stock", "message " + i);
        }
        second.publish("stock", "from the second");

        await().atMost(Duration.ofSeconds(5)).until(() -> heardBySecond.size() == 20 && heardByFirst.size() == 1);
        assertThat(heardBySecond)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 20)
                        .mapToObj(i -> "message " + i)
                        .toList());
        assertThat(heardByFirst).containsExactly("from the second");
        assertThat(otherTopic).isEmpty();
        assertThat(otherPrefix).isEmpty();
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheOthers() {
        RedisBroadcasts first = connected(TestRedis.url(), prefix);
        RedisBroadcasts second = connected(TestRedis.url(), prefix);
        second.subscribe("stock", message -> {
            throw new IllegalStateException("listener bug");
        });
        List<String> heard = listen(second, "stock");

        first.publish("stock", "one");
        first.publish("stock", "two");

        await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() == 2);
        assertThat(heard).containsExactly("one", "two");
    }

    @Test
    void withNothingListeningPublishingReturnsAtOnce() {
        RedisBroadcasts broadcasts = broadcasts("redis://127.0.0.1:" + TestRedis.freePort(), prefix);
        await().atMost(Duration.ofSeconds(5)).until(broadcasts::down);

        long started = System.nanoTime();
        for (int i = 0; i < 1_000; i++) {
            broadcasts.publish("stock", "message " + i);
        }

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
        assertThat(broadcasts.connected()).isFalse();
    }

    @Test
    void aServerThatNeverAnswersIsNeverWaitedFor() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            RedisBroadcasts broadcasts = broadcasts("redis://127.0.0.1:" + silent.port(), prefix);

            long started = System.nanoTime();
            for (int i = 0; i < 1_000; i++) {
                broadcasts.publish("stock", "message " + i);
            }

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
            await().atMost(Duration.ofSeconds(5)).until(broadcasts::down);
            assertThat(broadcasts.connected()).isFalse();
        }
    }

    @Test
    void aRedisThatStopsAnsweringIsNotWaitedForAndIsUsedAgainOnceItAnswers() {
        int port = TestRedis.freePort();
        RedisServer server = TestRedis.startOn(port);
        try {
            String url = "redis://127.0.0.1:" + port;
            RedisBroadcasts first = connected(url, prefix);
            RedisBroadcasts second = connected(url, prefix);
            List<String> heard = listen(second, "stock");

            RedisClient admin = RedisClient.create(url);
            clients.add(admin);
            try (StatefulRedisConnection<String, String> redis = admin.connect()) {
                redis.sync().clientPause(1_500);
            }
            long started = System.nanoTime();
            for (int i = 0; i < 200; i++) {
                first.publish("stock", "while paused " + i);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
            await().atMost(Duration.ofSeconds(5)).until(first::down);

            // Once Redis answers again, the broken connection is replaced and messages flow.
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                first.publish("stock", "after");
                return heard.contains("after");
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> !first.down());
        } finally {
            TestRedis.stop(server);
        }
    }

    @Test
    void aRestartedRedisIsReconnectedToWithoutHelp() {
        int port = TestRedis.freePort();
        String url = "redis://127.0.0.1:" + port;
        RedisBroadcasts first = broadcasts(url, prefix);
        RedisBroadcasts second = broadcasts(url, prefix);
        List<String> heard = listen(second, "stock");
        await().atMost(Duration.ofSeconds(5)).until(() -> first.down() && second.down());
        first.publish("stock", "lost");

        RedisServer server = TestRedis.startOn(port);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> first.connected() && second.connected());
            first.publish("stock", "heard");
            await().atMost(Duration.ofSeconds(5)).until(() -> heard.contains("heard"));
            assertThat(heard).containsExactly("heard");
            assertThat(first.down()).isFalse();
        } finally {
            TestRedis.stop(server);
        }

        // Gone again: the listener's connection breaks, publishing still returns at once.
        await().atMost(Duration.ofSeconds(5)).until(() -> !second.connected());
        long started = System.nanoTime();
        first.publish("stock", "nobody hears this");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(200));
        await().atMost(Duration.ofSeconds(5)).until(first::down);
    }

    @Test
    void noBroadcastsDeliverNothing() {
        List<String> heard = new CopyOnWriteArrayList<>();
        org.ticketvendor.platform.Broadcasts.NONE.subscribe("stock", heard::add);
        org.ticketvendor.platform.Broadcasts.NONE.publish("stock", "anything");
        assertThat(heard).isEmpty();
        assertThat(org.ticketvendor.platform.Broadcasts.NONE).hasToString("Broadcasts.NONE");
    }

    private static List<String> listen(RedisBroadcasts broadcasts, String topic) {
        List<String> heard = new CopyOnWriteArrayList<>();
        broadcasts.subscribe(topic, heard::add);
        return heard;
    }

    private RedisBroadcasts broadcasts(String url, String channelPrefix) {
        RedisSettings settings = new RedisSettings(url, TIMEOUT, CONNECT_TIMEOUT, CHECK);
        RedisClient client = RedisClients.create(settings);
        clients.add(client);
        RedisBroadcasts broadcasts = new RedisBroadcasts(client, RedisClients.uri(settings), channelPrefix, CHECK);
        closeables.add(0, broadcasts);
        return broadcasts;
    }

    private RedisBroadcasts connected(String url, String channelPrefix) {
        RedisBroadcasts broadcasts = broadcasts(url, channelPrefix);
        await().atMost(Duration.ofSeconds(10)).until(broadcasts::connected);
        return broadcasts;
    }
}
