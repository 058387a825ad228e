package org.ticketvendor.analytics.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BucketRangeTests {

    static final ZoneId LISBON = ZoneId.of("Europe/Lisbon");
    static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    @Test
    void daysAreLocalDaysAndFollowDaylightSavingTime() {
        // Lisbon moves its clocks forward on 29 March 2026 at 01:00 UTC: that day has 23 hours.
        BucketRange range = BucketRange.of(
                Granularity.DAY,
                LISBON,
                Instant.parse("2026-03-28T12:00:00Z"),
                Instant.parse("2026-03-30T12:00:00Z"),
                100);
        assertThat(range.starts())
                .containsExactly(
                        Instant.parse("2026-03-28T00:00:00Z"),
                        Instant.parse("2026-03-29T00:00:00Z"),
                        Instant.parse("2026-03-29T23:00:00Z"));
        assertThat(range.end()).isEqualTo(Instant.parse("2026-03-30T23:00:00Z"));
        assertThat(range.truncated()).isFalse();
        assertThat(range.from()).isEqualTo(range.starts().get(0));
    }

    @Test
    void hoursAlignToTheZonesHalfHourOffset() {
        BucketRange range = BucketRange.of(
                Granularity.HOUR,
                KOLKATA,
                Instant.parse("2026-05-01T10:10:00Z"),
                Instant.parse("2026-05-01T12:30:00Z"),
                100);
        assertThat(range.starts())
                .containsExactly(
                        Instant.parse("2026-05-01T09:30:00Z"),
                        Instant.parse("2026-05-01T10:30:00Z"),
                        Instant.parse("2026-05-01T11:30:00Z"));
        assertThat(range.end()).isEqualTo(Instant.parse("2026-05-01T12:30:00Z"));
    }

    @Test
    void aRangeLongerThanTheLimitKeepsItsLatestBuckets() {
        Instant to = Instant.parse("2026-05-01T00:00:00Z");
        BucketRange range = BucketRange.of(Granularity.HOUR, ZoneOffset.UTC, to.minus(Duration.ofDays(3)), to, 24);
        assertThat(range.truncated()).isTrue();
        assertThat(range.starts()).hasSize(24);
        assertThat(range.from()).isEqualTo(to.minus(Duration.ofHours(24)));
        assertThat(range.end()).isEqualTo(to);

        BucketRange centuries = BucketRange.of(
                Granularity.DAY,
                LISBON,
                Instant.parse("2000-01-01T00:00:00Z"),
                Instant.parse("2199-12-31T00:00:00Z"),
                1000);
        assertThat(centuries.truncated()).isTrue();
        assertThat(centuries.starts()).hasSize(1000);
        assertThat(centuries.end()).isEqualTo(Instant.parse("2199-12-31T00:00:00Z"));

        BucketRange exact = BucketRange.of(Granularity.HOUR, ZoneOffset.UTC, to.minus(Duration.ofHours(24)), to, 24);
        assertThat(exact.truncated()).isFalse();
        assertThat(exact.starts()).hasSize(24);
    }

    @Test
    void anEmptyRangeIsRefused() {
        Instant t = Instant.parse("2026-05-01T00:00:00Z");
        assertThatThrownBy(() -> BucketRange.of(Granularity.DAY, LISBON, t, t, 10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void granularitiesParseByName() {
        assertThat(Granularity.parse("hour")).contains(Granularity.HOUR);
        assertThat(Granularity.parse("day")).contains(Granularity.DAY);
        assertThat(Granularity.parse("week")).isEmpty();
        assertThat(Granularity.DAY.value()).isEqualTo("day");
    }
}
