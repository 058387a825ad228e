package org.ticketvendor.platform.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;
import java.time.Duration;

/**
 * Buckets in this process's memory, at most {@code maxBuckets} of them: the least used go first when
 * more addresses call, and any bucket left alone for {@code idle} (the longest period of any limit,
 * after which it would be full again anyway) is dropped.
 */
final class LocalBuckets implements Buckets {

    private final Cache<String, Bucket> buckets;
    private final TimeMeter time;

    LocalBuckets(int maxBuckets, Duration idle, TimeMeter time) {
        this.time = time;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxBuckets)
                .expireAfterAccess(idle)
                .ticker(time::currentTimeNanos)
                .build();
    }

    @Override
    public ConsumptionProbe tryConsume(String key, BucketConfiguration configuration) {
        return buckets.get(key, k -> newBucket(configuration)).tryConsumeAndReturnRemaining(1);
    }

    long size() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private Bucket newBucket(BucketConfiguration configuration) {
        LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(time);
        for (var bandwidth : configuration.getBandwidths()) {
            builder.addLimit(bandwidth);
        }
        return builder.build();
    }
}
