package org.ticketvendor.support;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.ticketvendor.TestDatabase;

/**
 * Points the application at this test run's database, and gives it a throw-away data directory, image
 * storage directory and JWT secret, so a test run writes nothing outside {@code target/} and leaves
 * nothing behind.
 */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final String JWT_SECRET = newSecret();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "test-database",
                        Map.of(
                                "ticketvendor.database.url", TestDatabase.url(),
                                "ticketvendor.data-dir",
                                        Path.of("target", "test-data").toString(),
                                "ticketvendor.identity.jwt-secret", JWT_SECRET,
                                "ticketvendor.storage.local.directory",
                                        TestStorage.directory().toString())));
    }

    public static String jwtSecret() {
        return JWT_SECRET;
    }

    private static String newSecret() {
        byte[] bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
