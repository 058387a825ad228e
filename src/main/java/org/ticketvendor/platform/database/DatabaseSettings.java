package org.ticketvendor.platform.database;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the application's PostgreSQL database lives.
 *
 * <p>Leaving {@code url} empty is the zero-configuration default: the application then runs its own
 * PostgreSQL server under the data directory, so a fresh checkout starts without any setup.
 *
 * @param url {@code DATABASE_URL}: {@code postgres://user:password@host:port/db} or {@code
 *     jdbc:postgresql://...}; empty or {@code null} starts the embedded server
 * @param poolSize maximum number of pooled connections
 * @param connectionTimeout how long a request waits for a pooled connection before it gets a 503
 *     (an overload or an outage answers fast instead of hanging)
 * @param serverSettings extra {@code postgresql.conf} settings for the embedded server only, such as
 *     {@code fsync: off}. Spring drops underscores from unbracketed map keys, so write keys in kebab
 *     case ({@code synchronous-commit}) or in brackets ({@code "[synchronous_commit]"})
 */
@ConfigurationProperties("ticketvendor.database")
public record DatabaseSettings(
        String url,
        @DefaultValue("10") int poolSize,
        @DefaultValue("5s") java.time.Duration connectionTimeout,
        Map<String, String> serverSettings) {

    public DatabaseSettings {
        if (poolSize < 1) {
            throw new IllegalArgumentException("ticketvendor.database.pool-size must be at least 1, got " + poolSize);
        }
        serverSettings = serverSettings == null ? Map.of() : Map.copyOf(serverSettings);
    }
}
