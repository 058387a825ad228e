package org.ticketvendor.identity.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * Consecutive failed logins for one email, and the lock they earned. After {@code maxFailures}
 * failures the email is locked for {@code lockout}, doubling with every further failure up to
 * {@code maxLockout}. Kept per email typed, whether or not an account has it, so a lock says
 * nothing about which emails are registered.
 */
public record LoginThrottle(int failures, Instant lockedUntil) {

    public static final LoginThrottle NONE = new LoginThrottle(0, null);

    public boolean isLocked(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    /** Whole seconds until the lock ends, at least 1. */
    public long retryAfterSeconds(Instant now) {
        return Math.max(1, (Duration.between(now, lockedUntil).toMillis() + 999) / 1000);
    }

    public LoginThrottle afterFailure(Instant now, int maxFailures, Duration lockout, Duration maxLockout) {
        int count = failures + 1;
        if (count < maxFailures) {
            return new LoginThrottle(count, null);
        }
        int doublings = Math.min(count - maxFailures, 20);
        Duration lock = lockout.multipliedBy(1L << doublings);
        if (lock.compareTo(maxLockout) > 0) {
            lock = maxLockout;
        }
        return new LoginThrottle(count, now.plus(lock));
    }
}
