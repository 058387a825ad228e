package org.ticketvendor.platform.redis;

import io.lettuce.core.RedisClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.ticketvendor.platform.Broadcasts;

/**
 * A Lettuce {@link RedisClient} when {@code REDIS_URL} is set, and none otherwise, and the {@link
 * Broadcasts} between instances over it. Creating them opens no connection on the caller's thread, so the
 * application starts whether or not Redis is up; each user connects in the background.
 */
@Configuration(proxyBeanMethods = false)
class RedisConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RedisConfiguration.class);

    /** Prefix of the broadcast channels. Publish/subscribe ignores the database number in REDIS_URL. */
    static final String CHANNEL_PREFIX = "ticketvendor:broadcast:";

    @Bean(destroyMethod = "shutdown")
    @Conditional(RedisConfigured.class)
    RedisClient redisClient(RedisSettings settings) {
        RedisClient client = RedisClients.create(settings);
        // RedisURI's text masks the password.
        log.info(
                "Using Redis at {} (command timeout {}, connect timeout {})",
                RedisClients.parse(settings.url()),
                settings.timeout(),
                settings.connectTimeout());
        return client;
    }

    /**
     * Messages between instances: through Redis when it is configured (connecting in the background),
     * nowhere otherwise.
     */
    @Bean
    Broadcasts broadcasts(RedisSettings settings, ObjectProvider<RedisClient> redisClient) {
        RedisClient client = redisClient.getIfAvailable();
        if (client == null) {
            return Broadcasts.NONE;
        }
        return new RedisBroadcasts(client, RedisClients.uri(settings), CHANNEL_PREFIX, settings.retryInterval());
    }

    static final class RedisConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("ticketvendor.redis.url");
            return url != null && !url.isBlank();
        }
    }
}
