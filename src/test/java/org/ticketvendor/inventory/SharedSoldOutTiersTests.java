package org.ticketvendor.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ticketvendor.platform.Broadcasts;
import org.ticketvendor.platform.redis.RedisBroadcasts;
import org.ticketvendor.platform.redis.RedisClients;
import org.ticketvendor.platform.redis.RedisSettings;
import org.ticketvendor.support.TestRedis;

/**
 * The sold-out memory of two instances sharing one Redis (see {@link TestRedis}): what one sees sold out
 * the other refuses too, and seats back on one are for sale on the other at once, not after the TTL. The
 * TTL here is a minute, so only the broadcast can explain a tier cleared within seconds; the negative
 * control shows the same steps without Redis leave the other instance refusing.
 */
class SharedSoldOutTiersTests {

    static final Duration TTL = Duration.ofMinutes(1);

    final String prefix = "ticketvendor-test:" + UUID.randomUUID() + ":";
    final List<RedisClient> clients = new ArrayList<>();
    final List<RedisBroadcasts> broadcasts = new ArrayList<>();
    final UUID tier = UUID.randomUUID();

    @AfterEach
    void close() {
        broadcasts.forEach(RedisBroadcasts::close);
        clients.forEach(RedisClient::shutdown);
    }

    @Test
    void aTierSoldOutOnOneInstanceIsRefusedOnTheOtherAndBackOnBothAtOnce() {
        SoldOutTiers a = new SoldOutTiers(settings(TTL), connected(TestRedis.url()));
        SoldOutTiers b = new SoldOutTiers(settings(TTL), connected(TestRedis.url()));

        // The last seat sold on A (a committed change that leaves none).
        a.on(new StockLevelChanged(tier, 0));
        assertThat(a.isSoldOut(tier)).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> b.isSoldOut(tier));

        // A cancel on A brings a seat back: B sells again at once.
        a.on(new StockLevelChanged(tier, 1));
        assertThat(a.isSoldOut(tier)).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> !b.isSoldOut(tier));

        // A hold on B that found nothing marks it; an expiry on B clears it on A although A never marked it.
        b.markSoldOut(tier);
        await().atMost(Duration.ofSeconds(5)).until(() -> a.isSoldOut(tier));
        b.on(new StockLevelChanged(tier, 2));
        await().atMost(Duration.ofSeconds(5)).until(() -> !a.isSoldOut(tier));
        assertThat(b.isSoldOut(tier)).isFalse();
    }

    @Test
    void messagesThatCannotBeReadAreIgnored() {
        SoldOutTiers a = new SoldOutTiers(settings(TTL), connected(TestRedis.url()));
        RedisBroadcasts other = connected(TestRedis.url());

        other.publish(SoldOutTiers.TOPIC, "sold-out not-a-uuid");
        other.publish(SoldOutTiers.TOPIC, "restocked " + tier);
        other.publish(SoldOutTiers.TOPIC, "sold-out");
        other.publish(SoldOutTiers.TOPIC, "sold-out " + tier);

        await().atMost(Duration.ofSeconds(5)).until(() -> a.isSoldOut(tier));
    }

    @Test
    void withATtlOfZeroNothingIsRemembered() {
        SoldOutTiers a = new SoldOutTiers(settings(Duration.ZERO), connected(TestRedis.url()));
        SoldOutTiers b = new SoldOutTiers(settings(TTL), connected(TestRedis.url()));
        UUID marker = UUID.randomUUID();
        SoldOutTiers c = new SoldOutTiers(settings(TTL), connected(TestRedis.url()));

        a.on(new StockLevelChanged(tier, 0));
        a.markSoldOut(tier);
        b.markSoldOut(tier);
        b.markSoldOut(marker);
        await().atMost(Duration.ofSeconds(5)).until(() -> c.isSoldOut(marker));

        assertThat(a.isSoldOut(tier)).isFalse();
        assertThat(a.isSoldOut(marker)).isFalse();
    }

    @Test
    void withRedisDownEachInstanceStillRefusesFromItsOwnMemoryWithoutWaiting() {
        RedisBroadcasts down = broadcasts("redis://127.0.0.1:" + TestRedis.freePort());
        SoldOutTiers a = new SoldOutTiers(settings(TTL), down);
        await().atMost(Duration.ofSeconds(5)).until(down::down);

        long started = System.nanoTime();
        for (int i = 0; i < 1_000; i++) {
            a.on(new StockLevelChanged(tier, i % 2));
        }
        a.markSoldOut(tier);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
        assertThat(a.isSoldOut(tier)).isTrue();
    }

    /**
     * Negative control: the same steps without Redis. B never hears that A's seats came back and keeps
     * refusing them, as it would for up to the TTL; which is what the test above would catch.
     */
    @Test
    void negativeControlWithoutRedisTheOtherInstanceKeepsRefusing() throws Exception {
        SoldOutTiers a = new SoldOutTiers(settings(TTL), Broadcasts.NONE);
        SoldOutTiers b = new SoldOutTiers(settings(TTL), Broadcasts.NONE);
        a.on(new StockLevelChanged(tier, 0));
        b.markSoldOut(tier);

        a.on(new StockLevelChanged(tier, 1));
        Thread.sleep(500);

        assertThat(a.isSoldOut(tier)).isFalse();
        assertThat(b.isSoldOut(tier))
                .as("B still refuses the seats A gave back")
                .isTrue();
    }

    @Test
    void anEntryLapsesAfterItsTtl() throws Exception {
        SoldOutTiers a = new SoldOutTiers(settings(Duration.ofMillis(100)), Broadcasts.NONE);
        a.markSoldOut(tier);
        assertThat(a.isSoldOut(tier)).isTrue();
        Thread.sleep(150);
        assertThat(a.isSoldOut(tier)).isFalse();
    }

    private static InventorySettings settings(Duration soldOutTtl) {
        return new InventorySettings(
                Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofSeconds(10), 200, soldOutTtl);
    }

    private RedisBroadcasts broadcasts(String url) {
        RedisSettings settings =
                new RedisSettings(url, Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofMillis(200));
        RedisClient client = RedisClients.create(settings);
        clients.add(client);
        RedisBroadcasts result =
                new RedisBroadcasts(client, RedisClients.uri(settings), prefix, settings.retryInterval());
        broadcasts.add(result);
        return result;
    }

    private RedisBroadcasts connected(String url) {
        RedisBroadcasts result = broadcasts(url);
        await().atMost(Duration.ofSeconds(10)).until(result::connected);
        return result;
    }
}
