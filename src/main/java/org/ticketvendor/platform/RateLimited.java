package org.ticketvendor.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Puts an endpoint under a rate-limit policy: {@code ticketvendor.rate-limits.policies.<name>} sets how
 * many requests a client address (and, for an authenticated caller, an account) may make in what
 * period. Endpoints that share a policy share its budget. A request over the limit gets a 429 problem
 * with {@code Retry-After} before the controller runs.
 *
 * <p>The application refuses to start when an annotated endpoint names a policy that is not
 * configured.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RateLimited {

    /** The policy's name, e.g. {@code login}. */
    String value();
}
