package org.ticketvendor.platform.redis;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The optional Redis server shared by all instances (today: the rate-limit buckets).
 *
 * @param url {@code REDIS_URL}: {@code redis://[user:password@]host:port[/db]} or {@code rediss://...};
 *     empty = no Redis, everything it would share is kept per instance
 * @param timeout the most one command may take; Redis is an optimisation, so a slow or unreachable
 *     server costs a request this much at most before the instance falls back
 * @param connectTimeout the most a connection attempt (connect and handshake) may take; connecting
 *     happens in the background, never while a request waits
 * @param retryInterval after a failure, how long to stay on the fallback before trying Redis again
 */
@ConfigurationProperties("ticketvendor.redis")
public record RedisSettings(
        String url,
        @DefaultValue("300ms") Duration timeout,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration retryInterval) {

    public RedisSettings {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("ticketvendor.redis.timeout must be positive, got " + timeout);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "ticketvendor.redis.connect-timeout must be positive, got " + connectTimeout);
        }
        if (retryInterval.isNegative()) {
            throw new IllegalArgumentException(
                    "ticketvendor.redis.retry-interval must not be negative, got " + retryInterval);
        }
    }

    public boolean configured() {
        return url != null && !url.isBlank();
    }
}
