package org.ticketvendor.platform.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.ticketvendor.platform.ratelimit.RateLimitSettings.Limit;
import org.ticketvendor.platform.ratelimit.RateLimitSettings.Policy;

/**
 * Decides whether a request under a policy may go ahead: one token from the client address's bucket,
 * then one from the account's (when the policy limits accounts and the caller has one).
 */
final class RateLimiter {

    /** What a refused request is told: which limit it hit, and when a token is back. */
    record Refusal(String policy, Scope scope, Duration retryAfter) {

        /** {@code Retry-After} in whole seconds, rounded up and at least 1. */
        long retryAfterSeconds() {
            long seconds = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
            return Math.max(1, seconds);
        }
    }

    enum Scope {
        ADDRESS("ip"),
        ACCOUNT("account");

        private final String key;

        Scope(String key) {
            this.key = key;
        }
    }

    private final String keyPrefix;
    private final Buckets buckets;
    private final Map<String, Map<Scope, BucketConfiguration>> policies = new HashMap<>();

    RateLimiter(RateLimitSettings settings, Buckets buckets) {
        this.keyPrefix = settings.keyPrefix();
        this.buckets = buckets;
        settings.policies().forEach((name, policy) -> policies.put(name, configurations(policy)));
    }

    boolean knows(String policy) {
        return policies.containsKey(policy);
    }

    /**
     * Takes a token for the request, or says why not.
     *
     * @param address the client's address key (see {@link ClientAddresses})
     * @param account the authenticated caller, or null
     * @throws IllegalArgumentException for a policy that is not configured
     */
    Optional<Refusal> tryAcquire(String policy, String address, UUID account) {
        Map<Scope, BucketConfiguration> limits = policies.get(policy);
        if (limits == null) {
            throw new IllegalArgumentException("No rate-limit policy named " + policy);
        }
        Optional<Refusal> refused = take(policy, Scope.ADDRESS, address, limits);
        if (refused.isEmpty() && account != null) {
            refused = take(policy, Scope.ACCOUNT, account.toString(), limits);
        }
        return refused;
    }

    private Optional<Refusal> take(String policy, Scope scope, String subject, Map<Scope, BucketConfiguration> limits) {
        BucketConfiguration configuration = limits.get(scope);
        if (configuration == null || subject == null) {
            return Optional.empty();
        }
        ConsumptionProbe probe =
                buckets.tryConsume(keyPrefix + policy + ":" + scope.key + ":" + subject, configuration);
        if (probe.isConsumed()) {
            return Optional.empty();
        }
        return Optional.of(new Refusal(policy, scope, Duration.ofNanos(probe.getNanosToWaitForRefill())));
    }

    private static Map<Scope, BucketConfiguration> configurations(Policy policy) {
        Map<Scope, BucketConfiguration> limits = new HashMap<>();
        if (policy != null && policy.perIp() != null) {
            limits.put(Scope.ADDRESS, configuration(policy.perIp()));
        }
        if (policy != null && policy.perAccount() != null) {
            limits.put(Scope.ACCOUNT, configuration(policy.perAccount()));
        }
        return Map.copyOf(limits);
    }

    static BucketConfiguration configuration(Limit limit) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(limit.capacity())
                        .refillGreedy(limit.capacity(), limit.period())
                        .build())
                .build();
    }

    /** The longest period of any limit: a bucket idle that long is full again. */
    static Duration longestPeriod(RateLimitSettings settings) {
        Duration longest = Duration.ofMinutes(1);
        for (Policy policy : settings.policies().values()) {
            for (Limit limit : new Limit[] {policy.perIp(), policy.perAccount()}) {
                if (limit != null && limit.period().compareTo(longest) > 0) {
                    longest = limit.period();
                }
            }
        }
        return longest;
    }
}
