package org.ticketvendor.notifications.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * When to try a failed mail again: exponential backoff ({@code base}, doubling per attempt, capped
 * at {@code max}) with "equal jitter" (half the pause fixed, half random) so instances that failed
 * together do not retry together; never sooner than the transport asked. After {@code maxAttempts}
 * attempts the mail is given up on.
 */
public record RetryPolicy(Duration base, Duration max, int maxAttempts) {

    public RetryPolicy {
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("need 0 < base <= max and at least one attempt");
        }
    }

    /** Whether a mail that has had {@code attempts} attempts may have another. */
    public boolean mayRetry(int attempts) {
        return attempts < maxAttempts;
    }

    /** The pause before the next attempt, without jitter, after {@code attempts} attempts (1 = the first). */
    public Duration pause(int attempts) {
        int doublings = Math.max(0, Math.min(attempts - 1, 30));
        Duration pause = base.multipliedBy(1L << doublings);
        return pause.compareTo(max) > 0 || pause.isNegative() ? max : pause;
    }

    /**
     * The next attempt's time.
     *
     * @param random a number in [0, 1) that spreads the second half of the pause
     * @param retryAfter the pause the transport asked for, or null
     */
    public Instant next(Instant now, int attempts, double random, Duration retryAfter) {
        Duration pause = pause(attempts);
        long halfMillis = pause.toMillis() / 2;
        Duration jittered = Duration.ofMillis(halfMillis + (long) (random * (pause.toMillis() - halfMillis)));
        if (retryAfter != null && retryAfter.compareTo(jittered) > 0) {
            jittered = retryAfter.compareTo(max) > 0 ? max : retryAfter;
        }
        return now.plus(jittered);
    }
}
