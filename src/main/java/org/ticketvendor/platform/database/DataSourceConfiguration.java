package org.ticketvendor.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.ticketvendor.platform.PlatformSettings;

/**
 * The application's {@link DataSource}: the server named by {@code DATABASE_URL}, or else an embedded
 * PostgreSQL server started under the data directory. Flyway migrates whichever one it is, being the only
 * {@code DataSource} in the context.
 *
 * <p>The two cases are separate bean methods so that the embedded server is a plain constructor
 * dependency of its pool: Spring then closes the pool before stopping the server.
 */
@Configuration(proxyBeanMethods = false)
class DataSourceConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DataSourceConfiguration.class);

    @Bean(destroyMethod = "close")
    @Conditional(EmbeddedDatabase.class)
    EmbeddedPostgresServer embeddedPostgresServer(PlatformSettings platform, DatabaseSettings settings) {
        log.info("No DATABASE_URL set: starting the embedded PostgreSQL server under {}", platform.dataDir());
        return EmbeddedPostgresServer.start(platform.dataDir(), settings.serverSettings());
    }

    @Bean
    @Conditional(EmbeddedDatabase.class)
    HikariDataSource embeddedDataSource(EmbeddedPostgresServer server, DatabaseSettings settings) {
        log.info("Using the embedded PostgreSQL database {}", server.jdbcUrl());
        return pool(new DatabaseUrl(server.jdbcUrl(), server.username(), server.password()), settings);
    }

    @Bean
    @Conditional(ExternalDatabase.class)
    HikariDataSource externalDataSource(DatabaseSettings settings) {
        DatabaseUrl url = DatabaseUrl.parse(settings.url());
        log.info("Using the PostgreSQL database {} as {}", url.describe(), url.username());
        return pool(url, settings);
    }

    private static HikariDataSource pool(DatabaseUrl url, DatabaseSettings settings) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName("ticketvendor");
        dataSource.setJdbcUrl(url.jdbcUrl());
        dataSource.setUsername(url.username());
        dataSource.setPassword(url.password());
        dataSource.setMaximumPoolSize(settings.poolSize());
        dataSource.setConnectionTimeout(
                Math.max(250, settings.connectionTimeout().toMillis()));
        return dataSource;
    }

    private static boolean urlConfigured(ConditionContext context) {
        String url = context.getEnvironment().getProperty("ticketvendor.database.url");
        return url != null && !url.isBlank();
    }

    /** No {@code ticketvendor.database.url}: an empty value counts as none, as {@code DATABASE_URL=} would. */
    static final class EmbeddedDatabase implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !urlConfigured(context);
        }
    }

    static final class ExternalDatabase implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return urlConfigured(context);
        }
    }
}
