package org.ticketvendor.platform.ratelimit;

import io.github.bucket4j.TimeMeter;
import io.lettuce.core.RedisClient;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.ticketvendor.platform.RateLimited;
import org.ticketvendor.platform.redis.RedisClients;
import org.ticketvendor.platform.redis.RedisSettings;

/**
 * Rate limits: buckets in Redis when {@code REDIS_URL} is set (falling back to this instance's own
 * while it is unavailable), in this instance's memory otherwise; and the interceptor that applies
 * {@link RateLimited} to the endpoints.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RateLimitConfiguration.class);

    @Bean
    Buckets rateLimitBuckets(
            RateLimitSettings settings, RedisSettings redis, ObjectProvider<RedisClient> redisClient, Clock clock) {
        TimeMeter time = new ClockTimeMeter(clock);
        LocalBuckets local = new LocalBuckets(settings.maxLocalBuckets(), RateLimiter.longestPeriod(settings), time);
        RedisClient client = redisClient.getIfAvailable();
        if (client == null) {
            return local;
        }
        return new RedisBuckets(client, RedisClients.uri(redis), redis.timeout(), redis.retryInterval(), time, local);
    }

    @Bean
    RateLimiter rateLimiter(RateLimitSettings settings, Buckets buckets) {
        if (!settings.enabled()) {
            log.warn("Rate limits are OFF (ticketvendor.rate-limits.enabled=false)");
        } else {
            log.info(
                    "Rate limits ({}): {}",
                    buckets instanceof RedisBuckets ? "shared through Redis while it answers" : "per instance",
                    describe(settings));
        }
        return new RateLimiter(settings, buckets);
    }

    private static String describe(RateLimitSettings settings) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(settings.policies()).forEach((name, policy) -> {
            text.append(text.length() == 0 ? "" : "; ").append(name).append(':');
            if (policy.perIp() != null) {
                text.append(' ').append(describe(policy.perIp())).append(" per address");
            }
            if (policy.perAccount() != null) {
                text.append(policy.perIp() != null ? ", " : " ")
                        .append(describe(policy.perAccount()))
                        .append(" per account");
            }
        });
        return text.toString();
    }

    private static String describe(RateLimitSettings.Limit limit) {
        return limit.capacity() + " per "
                + limit.period().toString().substring(2).toLowerCase();
    }

    @Bean
    WebMvcConfigurer rateLimitInterceptor(RateLimitSettings settings, RateLimiter limiter) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                if (settings.enabled()) {
                    registry.addInterceptor(new RateLimitInterceptor(limiter));
                }
            }
        };
    }

    /** An endpoint naming a policy nobody configured is a mistake to catch at start-up, not in a sale. */
    @Bean
    SmartInitializingSingleton rateLimitedEndpointsHavePolicies(ListableBeanFactory beans, RateLimiter limiter) {
        return () -> {
            for (RequestMappingHandlerMapping mapping :
                    beans.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
                for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                        mapping.getHandlerMethods().entrySet()) {
                    RateLimited limited = RateLimitInterceptor.policyOf(entry.getValue());
                    if (limited != null && !limiter.knows(limited.value())) {
                        throw new IllegalStateException("Endpoint " + entry.getKey() + " is @RateLimited(\""
                                + limited.value() + "\") but ticketvendor.rate-limits.policies." + limited.value()
                                + " is not configured");
                    }
                }
            }
        };
    }
}
