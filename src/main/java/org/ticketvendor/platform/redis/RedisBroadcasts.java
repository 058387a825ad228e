package org.ticketvendor.platform.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ticketvendor.platform.Broadcasts;

/**
 * {@link Broadcasts} through Redis publish/subscribe: one connection publishes, one listens to every
 * channel under the prefix (Redis delivers a channel's messages to every subscriber, on any database
 * number, in the order the server received them). Each message carries this instance's id, so the
 * instance ignores its own.
 *
 * <p>Like the rate limits, Redis must never hold up a request: publishing is asynchronous and never
 * waited for (the client refuses commands at once while disconnected and gives up after its command
 * timeout), and connecting happens on a background thread of its own, which checks both connections
 * every {@code checkInterval} and replaces a broken one. Whatever is published while Redis is down or
 * the listener is disconnected is lost, which receivers must tolerate. Going down and coming back are
 * logged once each.
 */
public final class RedisBroadcasts implements Broadcasts, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisBroadcasts.class);
    private static final Duration MIN_CHECK_INTERVAL = Duration.ofMillis(100);

    private final RedisClient client;
    private final RedisURI uri;
    private final String channelPrefix;
    private final String instance = UUID.randomUUID().toString();
    private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();
    private final ScheduledExecutorService connector;
    private final AtomicBoolean down = new AtomicBoolean();
    private volatile StatefulRedisConnection<String, String> publisher;
    private volatile StatefulRedisPubSubConnection<String, String> subscriber;
    private volatile boolean closed;

    /**
     * Starts connecting in the background at once.
     *
     * @param channelPrefix prefix of every channel; instances talk to each other only when it is the same
     * @param checkInterval how often a missing or broken connection is (re)made
     */
    public RedisBroadcasts(RedisClient client, RedisURI uri, String channelPrefix, Duration checkInterval) {
        this.client = client;
        this.uri = uri;
        this.channelPrefix = channelPrefix;
        this.connector = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "redis-broadcasts");
            thread.setDaemon(true);
            return thread;
        });
        long interval = Math.max(checkInterval.toMillis(), MIN_CHECK_INTERVAL.toMillis());
        connector.scheduleWithFixedDelay(this::connectIfNeeded, 0, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public void publish(String topic, String message) {
        StatefulRedisConnection<String, String> current = publisher;
        if (current == null || closed) {
            return;
        }
        try {
            current.async()
                    .publish(channelPrefix + topic, instance + ' ' + message)
                    .whenComplete((receivers, ex) -> {
                        if (ex != null) {
                            failed(current, ex);
                        }
                    });
        } catch (RuntimeException ex) {
            failed(current, ex);
        }
    }

    @Override
    public void subscribe(String topic, Consumer<String> listener) {
        listeners.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(listener);
    }

    /** Whether both connections are up: messages are being sent and heard. */
    public boolean connected() {
        StatefulRedisConnection<String, String> pub = publisher;
        StatefulRedisPubSubConnection<String, String> sub = subscriber;
        return pub != null && pub.isOpen() && sub != null && sub.isOpen();
    }

    /** Whether the last attempt to use Redis failed. */
    public boolean down() {
        return down.get();
    }

    private void connectIfNeeded() {
        if (closed) {
            return;
        }
        try {
            StatefulRedisConnection<String, String> pub = publisher;
            if (pub == null || !pub.isOpen()) {
                publisher = null;
                closeQuietly(pub);
                publisher = client.connect(StringCodec.UTF8, uri);
            }
            StatefulRedisPubSubConnection<String, String> sub = subscriber;
            if (sub == null || !sub.isOpen()) {
                subscriber = null;
                closeQuietly(sub);
                subscriber = listen();
            }
            if (closed) {
                close();
                return;
            }
            if (down.compareAndSet(true, false)) {
                log.info("Redis answers again: instances hear each other's broadcasts again");
            }
        } catch (RuntimeException ex) {
            failed(null, ex);
        }
    }

    private StatefulRedisPubSubConnection<String, String> listen() {
        StatefulRedisPubSubConnection<String, String> connection = client.connectPubSub(StringCodec.UTF8, uri);
        try {
            connection.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String pattern, String channel, String message) {
                    deliver(channel, message);
                }
            });
            connection.sync().psubscribe(channelPrefix + "*");
            return connection;
        } catch (RuntimeException ex) {
            closeQuietly(connection);
            throw ex;
        }
    }

    private void deliver(String channel, String message) {
        int space = message.indexOf(' ');
        if (!channel.startsWith(channelPrefix)
                || space < 0
                || message.substring(0, space).equals(instance)) {
            return;
        }
        List<Consumer<String>> forTopic = listeners.get(channel.substring(channelPrefix.length()));
        if (forTopic == null) {
            return;
        }
        String body = message.substring(space + 1);
        for (Consumer<String> listener : forTopic) {
            try {
                listener.accept(body);
            } catch (RuntimeException ex) {
                log.warn("A listener of broadcasts on {} failed on {}", channel, body, ex);
            }
        }
    }

    private void failed(StatefulRedisConnection<String, String> failed, Throwable ex) {
        if (failed != null && publisher == failed) {
            publisher = null;
            closeQuietly(failed);
        }
        if (down.compareAndSet(false, true)) {
            log.warn(
                    "Redis is unavailable ({}): instances do not hear each other's broadcasts (sold-out tiers are "
                            + "then seen per instance) until it answers again",
                    ex.toString());
        } else {
            log.debug("Redis still unavailable for broadcasts: {}", ex.toString());
        }
    }

    private static void closeQuietly(StatefulRedisConnection<?, ?> connection) {
        if (connection != null) {
            try {
                connection.closeAsync();
            } catch (RuntimeException ignored) {
                // Closing a broken connection may fail; it is gone either way.
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        connector.shutdownNow();
        StatefulRedisConnection<String, String> pub = publisher;
        StatefulRedisPubSubConnection<String, String> sub = subscriber;
        publisher = null;
        subscriber = null;
        // Synchronously, so the client's own shutdown afterwards finds them closed.
        closeNow(pub);
        closeNow(sub);
    }

    private static void closeNow(StatefulRedisConnection<?, ?> connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (RuntimeException ignored) {
                // Already broken; gone either way.
            }
        }
    }
}
