package org.ticketvendor.platform.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;

/** Lettuce clients set up to fail fast: Redis is an optimisation here, never worth a hanging request. */
public final class RedisClients {

    private RedisClients() {}

    /**
     * A client for {@code settings.url()}. It opens no connection yet. Its connections refuse commands at
     * once while disconnected (instead of queueing them for a reconnect), every command gives up after
     * {@code settings.timeout()} and every connection attempt after {@code settings.connectTimeout()}, and
     * a broken connection stays broken: the user decides when it is worth connecting again.
     *
     * @throws IllegalArgumentException for a URL that is not a Redis URL
     */
    public static RedisClient create(RedisSettings settings) {
        RedisClient client = RedisClient.create(uri(settings));
        client.setOptions(ClientOptions.builder()
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder()
                        .connectTimeout(settings.connectTimeout())
                        .build())
                .timeoutOptions(TimeoutOptions.enabled(settings.timeout()))
                .build());
        return client;
    }

    /**
     * The server to connect to. Its timeout, which Lettuce applies to the handshake of a new connection,
     * is the connect timeout; commands have {@code settings.timeout()}.
     */
    public static RedisURI uri(RedisSettings settings) {
        RedisURI uri = parse(settings.url());
        uri.setTimeout(settings.connectTimeout());
        return uri;
    }

    static RedisURI parse(String url) {
        try {
            return RedisURI.create(url.strip());
        } catch (IllegalArgumentException ex) {
            // Lettuce's messages name the scheme or the bad part, never the password.
            throw new IllegalArgumentException(
                    "ticketvendor.redis.url (REDIS_URL) must look like redis://[user:password@]host:port[/db] "
                            + "or rediss://...: "
                            + ex.getMessage(),
                    ex);
        }
    }
}
