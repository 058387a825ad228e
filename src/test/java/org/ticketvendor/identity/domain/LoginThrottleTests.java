package org.ticketvendor.identity.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTests {

    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    static final Duration LOCK = Duration.ofSeconds(30);
    static final Duration MAX = Duration.ofMinutes(15);

    @Test
    void doesNotLockBeforeTheLimit() {
        LoginThrottle throttle =
                LoginThrottle.NONE.afterFailure(NOW, 3, LOCK, MAX).afterFailure(NOW, 3, LOCK, MAX);
        assertThat(throttle.failures()).isEqualTo(2);
        assertThat(throttle.isLocked(NOW)).isFalse();
    }

    @Test
    void locksAtTheLimitAndDoublesAfterwardsUpToTheMaximum() {
        LoginThrottle throttle = new LoginThrottle(2, null).afterFailure(NOW, 3, LOCK, MAX);
        assertThat(throttle.lockedUntil()).isEqualTo(NOW.plus(LOCK));
        assertThat(throttle.retryAfterSeconds(NOW)).isEqualTo(30);
        assertThat(throttle.afterFailure(NOW, 3, LOCK, MAX).lockedUntil()).isEqualTo(NOW.plusSeconds(60));
        assertThat(new LoginThrottle(40, null).afterFailure(NOW, 3, LOCK, MAX).lockedUntil())
                .isEqualTo(NOW.plus(MAX));
    }

    @Test
    void aLockEnds() {
        LoginThrottle throttle = new LoginThrottle(3, NOW.plusSeconds(30));
        assertThat(throttle.isLocked(NOW.plusSeconds(29))).isTrue();
        assertThat(throttle.isLocked(NOW.plusSeconds(30))).isFalse();
    }
}
