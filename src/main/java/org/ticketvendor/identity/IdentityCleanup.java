package org.ticketvendor.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes what no longer protects anyone: login counters whose last failure is a day old and which
 * hold no lock, and refresh tokens a day past their expiry. Keeps both tables from growing with
 * every unknown email tried and every refresh. Deletes in bounded batches so it never holds long locks.
 */
@Component
class IdentityCleanup {

    private static final Logger log = LoggerFactory.getLogger(IdentityCleanup.class);
    private static final Duration KEEP = Duration.ofDays(1);
    private static final int BATCH = 5_000;

    private final JdbcClient jdbc;
    private final Clock clock;

    IdentityCleanup(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${ticketvendor.identity.cleanup-interval:1h}", initialDelayString = "1m")
    int purge() {
        Timestamp before = Timestamp.from(clock.instant().minus(KEEP));
        Timestamp now = Timestamp.from(clock.instant());
        int throttles = jdbc.sql("""
                        delete from login_throttle where email in (
                            select email from login_throttle
                            where coalesce(last_failure_at, updated_at) < :before
                              and (locked_until is null or locked_until < :now)
                            limit :batch)
                        """)
                .param("before", before)
                .param("now", now)
                .param("batch", BATCH)
                .update();
        int tokens = jdbc.sql("""
                        delete from refresh_tokens where id in (
                            select id from refresh_tokens where expires_at < :before limit :batch)
                        """).param("before", before).param("batch", BATCH).update();
        if (throttles + tokens > 0) {
            log.info("Purged {} stale login counters and {} expired refresh tokens", throttles, tokens);
        }
        return throttles + tokens;
    }
}
