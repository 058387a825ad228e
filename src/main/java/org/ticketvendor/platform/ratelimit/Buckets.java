package org.ticketvendor.platform.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;

/** Where token buckets live: in this process ({@link LocalBuckets}) or in Redis ({@link RedisBuckets}). */
interface Buckets {

    /**
     * Takes one token from the bucket under {@code key}, creating it full with {@code configuration} if
     * it does not exist yet. Never throws for an unavailable store: a store that cannot answer decides
     * with a fallback instead.
     */
    ConsumptionProbe tryConsume(String key, BucketConfiguration configuration);
}
