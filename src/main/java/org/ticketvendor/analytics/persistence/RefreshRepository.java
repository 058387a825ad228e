package org.ticketvendor.analytics.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Refreshing the materialized views of V27, and the row that records (and locks) it. */
@Repository
public class RefreshRepository {

    /** Every materialized view of the read model, refreshed together. */
    public static final List<String> VIEWS =
            List.of("analytics_tier_sales", "analytics_event_orders", "analytics_sales_quarter_hours");

    private final JdbcClient jdbc;

    RefreshRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The last refresh, if any, as a holder of a possibly null time. */
    public record LastRefresh(Instant at) {}

    /**
     * Locks the refresh record for this transaction; empty when another transaction holds it (another
     * instance is refreshing right now).
     */
    public Optional<LastRefresh> lock() {
        return jdbc.sql("select refreshed_at from analytics_refreshes where name = 'sales' for update skip locked")
                .query((rs, row) -> new LastRefresh(Optional.ofNullable(rs.getTimestamp("refreshed_at"))
                        .map(Timestamp::toInstant)
                        .orElse(null)))
                .optional();
    }

    /**
     * Recomputes one view without blocking its readers: CONCURRENTLY builds the new contents aside and
     * applies the difference. In the caller's transaction, so all views show the same snapshot.
     */
    public void refresh(String view) {
        if (!VIEWS.contains(view)) {
            throw new IllegalArgumentException("Not an analytics view: " + view);
        }
        jdbc.sql("refresh materialized view concurrently " + view).update();
    }

    public void record(Instant at, long durationMillis) {
        jdbc.sql("update analytics_refreshes set refreshed_at = :at, duration_ms = :ms where name = 'sales'")
                .param("at", Timestamp.from(at))
                .param("ms", durationMillis)
                .update();
    }
}
