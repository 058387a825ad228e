package org.ticketvendor.platform.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buckets in Redis, shared by every instance (Bucket4j's compare-and-swap buckets over one Lettuce
 * connection), with this instance's own buckets as the fallback.
 *
 * <p>Redis must never stop a sale. No request waits for a connection: connecting happens in the
 * background (first when the application starts), and until it succeeds the local buckets decide. A
 * command that fails or takes longer than the client's timeout is decided locally too, the connection is
 * dropped, and the instance stays on its own buckets for {@code retryInterval} before it connects again;
 * so an outage costs at most one timeout per request in flight, once per interval. Going down and coming
 * back are each logged once.
 */
final class RedisBuckets implements Buckets, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisBuckets.class);
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    /** A full bucket is the same as none: its key expires shortly after it has refilled. */
    private static final Duration KEEP_AFTER_REFILL = Duration.ofSeconds(10);

    private final RedisClient client;
    private final RedisURI uri;
    private final Duration timeout;
    private final long retryIntervalNanos;
    private final TimeMeter time;
    private final Buckets fallback;
    private final AtomicReference<Connection> connection = new AtomicReference<>();
    private final AtomicBoolean connecting = new AtomicBoolean();
    private final AtomicBoolean down = new AtomicBoolean();
    private volatile boolean closed;
    /** The application clock's nanoseconds before which no new connection is tried. */
    private volatile long retryAtNanos;

    private record Connection(StatefulRedisConnection<String, byte[]> redis, ProxyManager<String> buckets) {}

    RedisBuckets(
            RedisClient client,
            RedisURI uri,
            Duration timeout,
            Duration retryInterval,
            TimeMeter time,
            Buckets fallback) {
        this.client = client;
        this.uri = uri;
        this.timeout = timeout;
        this.retryIntervalNanos = retryInterval.toNanos();
        this.time = time;
        this.fallback = fallback;
        connectInBackground();
    }

    @Override
    public ConsumptionProbe tryConsume(String key, BucketConfiguration configuration) {
        Connection current = connection.get();
        if (current == null) {
            connectInBackground();
        } else {
            try {
                return current.buckets().getProxy(key, () -> configuration).tryConsumeAndReturnRemaining(1);
            } catch (RuntimeException ex) {
                failed(current, ex);
            }
        }
        return fallback.tryConsume(key, configuration);
    }

    /** Whether Redis decides now (false while connecting, down, or waiting to retry). */
    boolean connected() {
        return connection.get() != null;
    }

    /** Whether the last attempt to use Redis failed. */
    boolean down() {
        return down.get();
    }

    private void connectInBackground() {
        if (closed || time.currentTimeNanos() < retryAtNanos || !connecting.compareAndSet(false, true)) {
            return;
        }
        try {
            client.connectAsync(CODEC, uri).whenComplete((redis, ex) -> {
                try {
                    if (ex != null) {
                        failed(null, ex);
                    } else if (closed) {
                        redis.closeAsync();
                    } else {
                        connection.set(new Connection(redis, buckets(redis)));
                        if (down.compareAndSet(true, false)) {
                            log.info("Redis answers again: rate limits are shared by all instances again");
                        }
                    }
                } finally {
                    connecting.set(false);
                }
            });
        } catch (RuntimeException ex) {
            connecting.set(false);
            failed(null, ex);
        }
    }

    private ProxyManager<String> buckets(StatefulRedisConnection<String, byte[]> redis) {
        return Bucket4jLettuce.casBasedBuilder(redis)
                .clientClock(time)
                .requestTimeout(timeout)
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_REFILL))
                .build();
    }

    private void failed(Connection failed, Throwable ex) {
        retryAtNanos = time.currentTimeNanos() + retryIntervalNanos;
        if (failed != null && connection.compareAndSet(failed, null)) {
            failed.redis().closeAsync();
        }
        if (down.compareAndSet(false, true)) {
            log.warn(
                    "Redis is unavailable ({}): rate limits are counted per instance until it answers again "
                            + "(tried again every {})",
                    describe(ex),
                    Duration.ofNanos(retryIntervalNanos));
        } else {
            log.debug("Redis still unavailable: {}", describe(ex));
        }
    }

    private static String describe(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == ex ? ex.toString() : ex + " / " + root;
    }

    @Override
    public void close() {
        closed = true;
        Connection current = connection.getAndSet(null);
        if (current != null) {
            current.redis().close();
        }
    }
}
