package org.ticketvendor.analytics;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Analytics settings ({@code ticketvendor.analytics.*}).
 *
 * @param refreshInterval how often the materialized views are refreshed: how stale sales, revenue,
 *     refunds, check-ins and conversion may be (stock and waitlist counters are always live)
 * @param maxBuckets the most buckets one sell-through series returns
 * @param exportFetchSize rows fetched from the database at a time while a CSV export streams
 * @param maxConcurrentExports exports streaming at once per instance (each holds a database
 *     connection while it streams); more get 503 with Retry-After
 */
@Validated
@ConfigurationProperties("ticketvendor.analytics")
public record AnalyticsSettings(
        @DefaultValue("60s") Duration refreshInterval,
        @DefaultValue("1000") @Min(1) @Max(10_000) int maxBuckets,
        @DefaultValue("1000") @Min(10) @Max(100_000) int exportFetchSize,
        @DefaultValue("2") @Min(1) @Max(50) int maxConcurrentExports) {}
