package org.ticketvendor.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.ticketvendor.platform.ratelimit.RateLimitSettings.Limit;
import org.ticketvendor.platform.ratelimit.RateLimitSettings.Policy;
import org.ticketvendor.support.MutableClock;

/** The limiter over in-process buckets, with a clock the tests move. */
class RateLimiterTests {

    final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T10:00:00Z"));

    final RateLimitSettings settings = new RateLimitSettings(
            true,
            "test:",
            1_000,
            Map.of(
                    "login", new Policy(new Limit(3, Duration.ofMinutes(1)), null),
                    "orders", new Policy(new Limit(100, Duration.ofMinutes(1)), new Limit(2, Duration.ofSeconds(30)))));

    final LocalBuckets buckets = new LocalBuckets(1_000, Duration.ofMinutes(1), new ClockTimeMeter(clock));
    final RateLimiter limiter = new RateLimiter(settings, buckets);

    @Test
    void refusesTheRequestAfterTheCapacityFromOneAddressAndSaysWhenToRetry() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("login", "203.0.113.7", null)).isEmpty();
        }

        Optional<RateLimiter.Refusal> refused = limiter.tryAcquire("login", "203.0.113.7", null);

        assertThat(refused).isPresent();
        assertThat(refused.get().scope()).isEqualTo(RateLimiter.Scope.ADDRESS);
        // 3 per minute, refilled evenly: the next token is 20 s away.
        assertThat(refused.get().retryAfterSeconds()).isEqualTo(20);
    }

    @Test
    void anotherAddressHasABudgetOfItsOwn() {
        for (int i = 0; i < 4; i++) {
            limiter.tryAcquire("login", "203.0.113.7", null);
        }

        assertThat(limiter.tryAcquire("login", "203.0.113.8", null)).isEmpty();
    }

    @Test
    void theBudgetIsBackAfterThePeriod() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire("login", "198.51.100.1", null);
        }
        assertThat(limiter.tryAcquire("login", "198.51.100.1", null)).isPresent();

        clock.advance(Duration.ofSeconds(20));
        assertThat(limiter.tryAcquire("login", "198.51.100.1", null)).isEmpty();
        assertThat(limiter.tryAcquire("login", "198.51.100.1", null)).isPresent();

        clock.advance(Duration.ofMinutes(1));
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("login", "198.51.100.1", null)).isEmpty();
        }
    }

    @Test
    void anAccountIsLimitedWhateverAddressItCallsFrom() {
        UUID account = UUID.randomUUID();
        assertThat(limiter.tryAcquire("orders", "192.0.2.1", account)).isEmpty();
        assertThat(limiter.tryAcquire("orders", "192.0.2.2", account)).isEmpty();

        Optional<RateLimiter.Refusal> refused = limiter.tryAcquire("orders", "192.0.2.3", account);

        assertThat(refused).isPresent();
        assertThat(refused.get().scope()).isEqualTo(RateLimiter.Scope.ACCOUNT);
        assertThat(refused.get().retryAfterSeconds()).isEqualTo(15);
        assertThat(limiter.tryAcquire("orders", "192.0.2.3", UUID.randomUUID()))
                .as("another account from the same address")
                .isEmpty();
    }

    @Test
    void aPolicyWithoutAnAccountLimitIgnoresTheAccount() {
        UUID account = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("login", "192.0.2.50", account)).isEmpty();
        }
        assertThat(limiter.tryAcquire("login", "192.0.2.51", account)).isEmpty();
    }

    @Test
    void retryAfterIsInWholeSecondsRoundedUp() {
        assertThat(new RateLimiter.Refusal("p", RateLimiter.Scope.ADDRESS, Duration.ofMillis(1)).retryAfterSeconds())
                .isEqualTo(1);
        assertThat(new RateLimiter.Refusal("p", RateLimiter.Scope.ADDRESS, Duration.ofMillis(2_001))
                        .retryAfterSeconds())
                .isEqualTo(3);
        assertThat(new RateLimiter.Refusal("p", RateLimiter.Scope.ADDRESS, Duration.ofSeconds(2)).retryAfterSeconds())
                .isEqualTo(2);
        assertThat(new RateLimiter.Refusal("p", RateLimiter.Scope.ADDRESS, Duration.ZERO).retryAfterSeconds())
                .isEqualTo(1);
    }

    @Test
    void memoryStaysBoundedHoweverManyAddressesCall() {
        LocalBuckets few = new LocalBuckets(100, Duration.ofMinutes(1), new ClockTimeMeter(clock));
        RateLimiter bounded = new RateLimiter(settings, few);

        for (int i = 0; i < 10_000; i++) {
            bounded.tryAcquire("login", "10.%d.%d.%d".formatted(i >> 16 & 255, i >> 8 & 255, i & 255), null);
        }

        assertThat(few.size()).isLessThanOrEqualTo(100);
    }

    @Test
    void idleBucketsAreDroppedOnceTheyWouldBeFullAgain() {
        limiter.tryAcquire("login", "192.0.2.99", null);
        assertThat(buckets.size()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(2));

        assertThat(buckets.size()).isZero();
    }

    @Test
    void anUnknownPolicyIsAProgrammingError() {
        assertThat(limiter.knows("login")).isTrue();
        assertThat(limiter.knows("nope")).isFalse();
        assertThatThrownBy(() -> limiter.tryAcquire("nope", "192.0.2.1", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> new Limit(0, Duration.ofMinutes(1))).hasMessageContaining("capacity");
        assertThatThrownBy(() -> new Limit(1, Duration.ZERO)).hasMessageContaining("period");
        assertThatThrownBy(() -> new RateLimitSettings(true, "p", 0, Map.of())).hasMessageContaining("max-local");
    }

    @Test
    void idleTimeIsTheLongestPeriodConfigured() {
        assertThat(RateLimiter.longestPeriod(new RateLimitSettings(
                        true,
                        "p",
                        10,
                        Map.of(
                                "a", new Policy(new Limit(1, Duration.ofMinutes(10)), null),
                                "b", new Policy(null, new Limit(1, Duration.ofHours(1)))))))
                .isEqualTo(Duration.ofHours(1));
    }
}
