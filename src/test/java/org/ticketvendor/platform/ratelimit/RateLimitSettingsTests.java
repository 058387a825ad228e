package org.ticketvendor.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.ticketvendor.platform.ratelimit.RateLimitSettings.Limit;

/** The shipped defaults, and how an operator changes them with environment variables. */
class RateLimitSettingsTests {

    @Test
    void theDefaultsAreGenerousForPeopleAndTightForScripts() throws Exception {
        RateLimitSettings settings = bind(Map.of());

        assertThat(settings.enabled()).isTrue();
        assertThat(settings.policies()).containsOnlyKeys("login", "register", "refresh", "orders");
        assertThat(settings.policies().get("login").perIp()).isEqualTo(new Limit(30, Duration.ofMinutes(1)));
        assertThat(settings.policies().get("login").perAccount()).isNull();
        assertThat(settings.policies().get("orders").perAccount()).isEqualTo(new Limit(10, Duration.ofMinutes(1)));
    }

    @Test
    void environmentVariablesSwitchThemOffOrChangeOneValue() throws Exception {
        RateLimitSettings settings = bind(Map.of(
                "TICKETVENDOR_RATE_LIMITS_ENABLED", "false",
                "TICKETVENDOR_RATE_LIMITS_POLICIES_LOGIN_PER_IP_CAPACITY", "50"));

        assertThat(settings.enabled()).isFalse();
        assertThat(settings.policies().get("login").perIp()).isEqualTo(new Limit(50, Duration.ofMinutes(1)));
        assertThat(settings.policies().get("orders").perIp().capacity()).isEqualTo(120);
    }

    private static RateLimitSettings bind(Map<String, Object> environment) throws Exception {
        StandardEnvironment env = new StandardEnvironment();
        MutablePropertySources sources = env.getPropertySources();
        sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        sources.addFirst(new SystemEnvironmentPropertySource("test-environment", environment));
        for (PropertySource<?> yaml :
                new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))) {
            sources.addLast(yaml);
        }
        return new Binder(ConfigurationPropertySources.get(env))
                .bindOrCreate("ticketvendor.rate-limits", RateLimitSettings.class);
    }
}
