package org.ticketvendor.platform.ratelimit;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rate limits per endpoint policy (see {@link org.ticketvendor.platform.RateLimited}).
 *
 * @param enabled {@code false} switches every limit off (benchmarks that drive thousands of buyers from
 *     one address)
 * @param keyPrefix prefix of every bucket's key, in Redis and in process
 * @param maxLocalBuckets how many buckets an instance keeps in memory at most (least used go first);
 *     bounds memory however many addresses call
 * @param policies the limits of each policy by name
 */
@ConfigurationProperties("ticketvendor.rate-limits")
public record RateLimitSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("ticketvendor:rate-limit:") String keyPrefix,
        @DefaultValue("100000") int maxLocalBuckets,
        Map<String, Policy> policies) {

    public RateLimitSettings {
        if (maxLocalBuckets < 1) {
            throw new IllegalArgumentException(
                    "ticketvendor.rate-limits.max-local-buckets must be at least 1, got " + maxLocalBuckets);
        }
        policies = policies == null ? Map.of() : Map.copyOf(policies);
    }

    /**
     * One policy's limits; either may be absent.
     *
     * @param perIp what one client address may do (the socket's address; see the README on proxies)
     * @param perAccount what one authenticated account may do, whatever its address
     */
    public record Policy(Limit perIp, Limit perAccount) {}

    /**
     * A token bucket: {@code capacity} requests at once, refilled evenly over {@code period} (so after a
     * burst, one more request every {@code period / capacity}; after a whole quiet period, the full
     * capacity again).
     */
    public record Limit(long capacity, Duration period) {

        public Limit {
            if (capacity < 1) {
                throw new IllegalArgumentException("A rate limit's capacity must be at least 1, got " + capacity);
            }
            if (period == null || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("A rate limit's period must be positive, got " + period);
            }
        }
    }
}
