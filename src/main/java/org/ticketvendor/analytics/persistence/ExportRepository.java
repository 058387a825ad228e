package org.ticketvendor.analytics.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.ticketvendor.analytics.AnalyticsSettings;
import org.ticketvendor.analytics.domain.CsvWriter;

/**
 * Streams an event's orders or attendees into CSV, row by row: PostgreSQL sends {@code fetchSize}
 * rows at a time through a cursor (which it only does inside a transaction; the caller opens a
 * read-only one), so a million rows never sit in memory.
 */
@Repository
public class ExportRepository {

    public static final String[] ORDER_COLUMNS = {
        "order_number",
        "status",
        "placed_at",
        "paid_at",
        "cancelled_at",
        "refunded_at",
        "buyer_name",
        "buyer_email",
        "tickets",
        "subtotal_minor",
        "fees_minor",
        "total_minor",
        "refunded_minor",
        "currency"
    };

    public static final String[] ATTENDEE_COLUMNS = {
        "ticket_number", "status", "tier", "holder_name", "holder_email", "order_number", "issued_at", "checked_in_at"
    };

    private final JdbcTemplate jdbc;

    ExportRepository(DataSource dataSource, AnalyticsSettings settings) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(settings.exportFetchSize());
    }

    /** Writes the event's orders, oldest first; returns how many. */
    public long orders(UUID eventId, CsvWriter csv) {
        long[] rows = {0};
        jdbc.query(
                """
                select order_number, status, placed_at, paid_at, cancelled_at, refunded_at, buyer_name, buyer_email,
                       tickets, subtotal_minor, fees_minor, total_minor, refunded_minor, currency
                from analytics_order_rows where event_id = ?
                order by placed_at, order_number
                """,
                rs -> {
                    csv.text(rs.getString("order_number"))
                            .text(rs.getString("status"))
                            .time(instant(rs, "placed_at"))
                            .time(instant(rs, "paid_at"))
                            .time(instant(rs, "cancelled_at"))
                            .time(instant(rs, "refunded_at"))
                            .text(rs.getString("buyer_name"))
                            .text(rs.getString("buyer_email"))
                            .number(rs.getLong("tickets"))
                            .number(rs.getLong("subtotal_minor"))
                            .number(rs.getLong("fees_minor"))
                            .number(rs.getLong("total_minor"))
                            .number(rs.getLong("refunded_minor"))
                            .text(rs.getString("currency"))
                            .end();
                    rows[0]++;
                },
                eventId);
        return rows[0];
    }

    /** Writes the event's tickets with their holders, in the order they were issued; returns how many. */
    public long attendees(UUID eventId, CsvWriter csv) {
        long[] rows = {0};
        jdbc.query(
                """
                select ticket_number, status, tier_name, holder_name, holder_email, order_number, issued_at,
                       checked_in_at
                from analytics_attendee_rows where event_id = ?
                order by issued_at, ticket_number
                """,
                rs -> {
                    csv.text(rs.getString("ticket_number"))
                            .text(rs.getString("status"))
                            .text(rs.getString("tier_name"))
                            .text(rs.getString("holder_name"))
                            .text(rs.getString("holder_email"))
                            .text(rs.getString("order_number"))
                            .time(instant(rs, "issued_at"))
                            .time(instant(rs, "checked_in_at"))
                            .end();
                    rows[0]++;
                },
                eventId);
        return rows[0];
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
