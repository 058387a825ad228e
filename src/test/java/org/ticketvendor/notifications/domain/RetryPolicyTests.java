package org.ticketvendor.notifications.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryPolicyTests {

    final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(30), Duration.ofMinutes(10), 5);
    final Instant now = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void pausesDoublePerAttemptUpToTheCap() {
        assertThat(policy.pause(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.pause(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.pause(4)).isEqualTo(Duration.ofSeconds(240));
        assertThat(policy.pause(6)).isEqualTo(Duration.ofMinutes(10));
        assertThat(policy.pause(1000)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void jitterKeepsAtLeastHalfThePauseAndNeverMoreThanAll() {
        assertThat(policy.next(now, 3, 0.0, null)).isEqualTo(now.plusSeconds(60));
        assertThat(policy.next(now, 3, 0.999999, null)).isBetween(now.plusSeconds(119), now.plusSeconds(120));
    }

    @Test
    void aRequestedPauseIsHonouredWhenLongerButCapped() {
        assertThat(policy.next(now, 1, 0.0, Duration.ofSeconds(90))).isEqualTo(now.plusSeconds(90));
        assertThat(policy.next(now, 1, 0.0, Duration.ofSeconds(1))).isEqualTo(now.plusSeconds(15));
        assertThat(policy.next(now, 1, 0.0, Duration.ofHours(5))).isEqualTo(now.plus(Duration.ofMinutes(10)));
    }

    @Test
    void retriesStopAtTheLimit() {
        assertThat(policy.mayRetry(4)).isTrue();
        assertThat(policy.mayRetry(5)).isFalse();
        assertThatThrownBy(() -> new RetryPolicy(Duration.ZERO, Duration.ofMinutes(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
