package org.ticketvendor.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.ticketvendor.platform.RateLimited;
import org.ticketvendor.platform.ratelimit.RateLimitSettings.Limit;
import org.ticketvendor.platform.ratelimit.RateLimitSettings.Policy;

class RateLimitConfigurationTests {

    final RateLimitSettings settings = new RateLimitSettings(
            true, "test:", 10, Map.of("login", new Policy(new Limit(1, Duration.ofMinutes(1)), null)));
    final RateLimiter limiter = new RateLimiter(
            settings, new LocalBuckets(10, Duration.ofMinutes(1), new ClockTimeMeter(Clock.systemUTC())));

    @Test
    void anEndpointNamingAPolicyNobodyConfiguredStopsTheStart() {
        try (AnnotationConfigApplicationContext context = contextWith(Misconfigured.class)) {
            assertThatThrownBy(() -> new RateLimitConfiguration()
                            .rateLimitedEndpointsHavePolicies(context, limiter)
                            .afterSingletonsInstantiated())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("ticketvendor.rate-limits.policies.typo");
        }
    }

    @Test
    void endpointsNamingConfiguredPoliciesStart() {
        try (AnnotationConfigApplicationContext context = contextWith(WellConfigured.class)) {
            assertThatCode(() -> new RateLimitConfiguration()
                            .rateLimitedEndpointsHavePolicies(context, limiter)
                            .afterSingletonsInstantiated())
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void aPolicyOnTheControllerAppliesToEachOfItsEndpoints() throws Exception {
        HandlerMethod method = new HandlerMethod(new WellConfigured(), WellConfigured.class.getDeclaredMethod("login"));

        assertThat(RateLimitInterceptor.policyOf(method).value()).isEqualTo("login");
    }

    private static AnnotationConfigApplicationContext contextWith(Class<?> controller) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.registerBean(RequestMappingHandlerMapping.class);
        context.registerBean(controller);
        context.refresh();
        return context;
    }

    @Controller
    static class Misconfigured {
        @PostMapping("/typo")
        @RateLimited("typo")
        void typo() {}
    }

    @Controller
    @RateLimited("login")
    static class WellConfigured {
        @PostMapping("/login")
        void login() {}
    }
}
