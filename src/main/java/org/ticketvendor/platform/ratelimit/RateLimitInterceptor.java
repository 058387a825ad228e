package org.ticketvendor.platform.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.ticketvendor.platform.CurrentUser;
import org.ticketvendor.platform.RateLimited;

/**
 * Applies {@link RateLimited} before the controller runs (after authentication, so the account is
 * known; before the body is read, so a refused request costs next to nothing). A refusal is thrown as
 * {@link RateLimitExceededException} and answered as a 429 problem like any controller error.
 */
final class RateLimitInterceptor implements HandlerInterceptor {

    private final RateLimiter limiter;

    RateLimitInterceptor(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        RateLimited limited = policyOf(method);
        if (limited == null) {
            return true;
        }
        UUID account = CurrentUser.fromSecurityContext().map(CurrentUser::id).orElse(null);
        limiter.tryAcquire(limited.value(), ClientAddresses.key(request.getRemoteAddr()), account)
                .ifPresent(refusal -> {
                    throw new RateLimitExceededException(refusal);
                });
        return true;
    }

    static RateLimited policyOf(HandlerMethod method) {
        RateLimited onMethod = method.getMethodAnnotation(RateLimited.class);
        return onMethod != null
                ? onMethod
                : AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RateLimited.class);
    }
}
