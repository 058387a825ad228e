package org.ticketvendor.waitlist.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.ticketvendor.waitlist.WaitlistEntry;

/**
 * The {@code waitlist} table. Status moves are single conditional updates ({@code where status =
 * ...}), so concurrent jobs and requests cannot both move one entry.
 */
@Repository
public class WaitlistRepository {

    private static final String COLUMNS = """
            w.id, w.event_id, w.tier_id, w.user_id, w.quantity, w.status, w.offered_at, w.offer_expires_at,
            w.order_id, w.created_at,
            case when w.status = 'waiting' then (
                select count(*) from waitlist ahead
                where ahead.tier_id = w.tier_id and ahead.status = 'waiting' and ahead.position <= w.position)
            else 0 end as place""";

    private final JdbcClient jdbc;

    WaitlistRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a waiting entry; a live entry of the same buyer for the tier is a DuplicateKeyException. */
    public UUID insert(UUID eventId, UUID tierId, UUID userId, int quantity) {
        return jdbc.sql("""
                        insert into waitlist (event_id, tier_id, user_id, quantity) values (:e, :t, :u, :q)
                        returning id
                        """)
                .param("e", eventId)
                .param("t", tierId)
                .param("u", userId)
                .param("q", quantity)
                .query(UUID.class)
                .single();
    }

    public Optional<WaitlistEntry> find(UUID id) {
        return jdbc.sql("select %s from waitlist w where w.id = :id".formatted(COLUMNS))
                .param("id", id)
                .query(WaitlistRepository::map)
                .optional();
    }

    /** The entry, locked for the rest of the transaction. */
    public Optional<WaitlistEntry> lock(UUID id) {
        jdbc.sql("select id from waitlist where id = :id for update")
                .param("id", id)
                .query(UUID.class)
                .optional();
        return find(id);
    }

    public List<WaitlistEntry> ofUser(UUID userId, int page, int size) {
        return jdbc.sql("""
                        select %s from waitlist w where w.user_id = :u
                        order by w.created_at desc, w.id limit :limit offset :offset
                        """.formatted(COLUMNS))
                .param("u", userId)
                .param("limit", size)
                .param("offset", page * size)
                .query(WaitlistRepository::map)
                .list();
    }

    public long countOfUser(UUID userId) {
        return jdbc.sql("select count(*) from waitlist where user_id = :u")
                .param("u", userId)
                .query(Long.class)
                .single();
    }

    /**
     * Waiting entries of a tier in queue order, locked; entries another transaction has locked (one
     * being cancelled right now) are skipped.
     */
    public List<WaitlistEntry> lockWaiting(UUID tierId, int limit) {
        List<UUID> ids = jdbc.sql("""
                        select id from waitlist where tier_id = :t and status = 'waiting'
                        order by position limit :limit for update skip locked
                        """)
                .param("t", tierId)
                .param("limit", limit)
                .query(UUID.class)
                .list();
        return ids.stream().flatMap(id -> find(id).stream()).toList();
    }

    /** Offered entries whose offer ran out, locked (SKIP LOCKED). */
    public List<UUID> lockExpiredOffers(Instant now, int limit) {
        return jdbc.sql("""
                        select id from waitlist where status = 'offered' and offer_expires_at <= :now
                        order by offer_expires_at limit :limit for update skip locked
                        """)
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query(UUID.class)
                .list();
    }

    /** Offers expiring before {@code by} whose buyer was not reminded yet, marked reminded now. */
    public List<UUID> claimReminders(Instant by, Instant now, int limit) {
        return jdbc.sql("""
                        update waitlist set reminded_at = :now
                        where id in (
                            select id from waitlist
                            where status = 'offered' and reminded_at is null
                              and offer_expires_at <= :by and offer_expires_at > :now
                            order by offer_expires_at limit :limit for update skip locked)
                        returning id
                        """)
                .param("by", Timestamp.from(by))
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query(UUID.class)
                .list();
    }

    /** Moves the entry from one status to another; false when it was not in {@code from}. */
    public boolean move(UUID id, String from, String to, Instant at) {
        return jdbc.sql("""
                                update waitlist set status = :to,
                                    cancelled_at = case when :to = 'cancelled' then :at else cancelled_at end
                                where id = :id and status = :from
                                """)
                        .param("id", id)
                        .param("from", from)
                        .param("to", to)
                        .param("at", Timestamp.from(at))
                        .update()
                == 1;
    }

    public boolean markOffered(UUID id, Instant at, Instant expiresAt) {
        return jdbc.sql("""
                                update waitlist set status = 'offered', offered_at = :at, offer_expires_at = :exp
                                where id = :id and status = 'waiting'
                                """)
                        .param("id", id)
                        .param("at", Timestamp.from(at))
                        .param("exp", Timestamp.from(expiresAt))
                        .update()
                == 1;
    }

    public boolean markClaimed(UUID id, UUID orderId, Instant at) {
        return jdbc.sql("""
                                update waitlist set status = 'claimed', order_id = :o, claimed_at = :at
                                where id = :id and status = 'offered'
                                """)
                        .param("id", id)
                        .param("o", orderId)
                        .param("at", Timestamp.from(at))
                        .update()
                == 1;
    }

    /** Live entries of an event, for cancelling them with it. */
    public List<UUID> liveOfEvent(UUID eventId) {
        return jdbc.sql("select id from waitlist where event_id = :e and status in ('waiting', 'offered')")
                .param("e", eventId)
                .query(UUID.class)
                .list();
    }

    private static WaitlistEntry map(ResultSet rs, int row) throws SQLException {
        return new WaitlistEntry(
                rs.getObject("id", UUID.class),
                rs.getObject("event_id", UUID.class),
                rs.getObject("tier_id", UUID.class),
                rs.getObject("user_id", UUID.class),
                rs.getInt("quantity"),
                rs.getString("status"),
                rs.getLong("place"),
                instant(rs.getTimestamp("offered_at")),
                instant(rs.getTimestamp("offer_expires_at")),
                rs.getObject("order_id", UUID.class),
                instant(rs.getTimestamp("created_at")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
