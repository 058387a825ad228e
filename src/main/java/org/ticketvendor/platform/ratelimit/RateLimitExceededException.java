package org.ticketvendor.platform.ratelimit;

import org.springframework.http.HttpStatus;
import org.ticketvendor.platform.ApiException;

/** A 429 problem with {@code Retry-After}: the client went over a rate limit. */
final class RateLimitExceededException extends ApiException {

    RateLimitExceededException(RateLimiter.Refusal refusal) {
        super(
                HttpStatus.TOO_MANY_REQUESTS,
                "rate_limited",
                "Too many requests",
                "Too many requests of this kind from this "
                        + (refusal.scope() == RateLimiter.Scope.ACCOUNT ? "account" : "address")
                        + ". Try again in "
                        + refusal.retryAfterSeconds()
                        + " s.");
        with("retry_after_seconds", refusal.retryAfterSeconds());
        with("policy", refusal.policy());
    }
}
