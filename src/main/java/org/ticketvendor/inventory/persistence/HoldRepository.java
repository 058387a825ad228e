package org.ticketvendor.inventory.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code holds} and {@code hold_items} tables. */
@Repository
public class HoldRepository {

    private final JdbcClient jdbc;

    HoldRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A hold row, locked by the query that read it. */
    public record HoldRow(UUID id, String reference, String status, Instant expiresAt) {}

    /** One line of a hold. */
    public record HoldItem(UUID tierId, int quantity) {}

    public UUID insert(String reference, Instant expiresAt, Map<UUID, Integer> items) {
        UUID id = jdbc.sql("insert into holds (reference, expires_at) values (:reference, :expiresAt) returning id")
                .param("reference", reference)
                .param("expiresAt", Timestamp.from(expiresAt))
                .query(UUID.class)
                .single();
        items.forEach((tierId, quantity) -> jdbc.sql(
                        "insert into hold_items (hold_id, tier_id, quantity) values (:hold, :tier, :quantity)")
                .param("hold", id)
                .param("tier", tierId)
                .param("quantity", quantity)
                .update());
        return id;
    }

    /** The hold for a reference, locked for the rest of the transaction. */
    public Optional<HoldRow> lockByReference(String reference) {
        return jdbc.sql("select id, reference, status, expires_at from holds where reference = :reference for update")
                .param("reference", reference)
                .query((rs, row) -> new HoldRow(
                        rs.getObject("id", UUID.class),
                        rs.getString("reference"),
                        rs.getString("status"),
                        rs.getTimestamp("expires_at").toInstant()))
                .optional();
    }

    /**
     * Active holds past their deadline, locked; rows another instance is already expiring are skipped,
     * so any number of sweepers can run side by side.
     */
    public List<HoldRow> claimExpired(Instant now, int limit) {
        return jdbc.sql("""
                        select id, reference, status, expires_at from holds
                        where status = 'active' and expires_at <= :now
                        order by expires_at
                        limit :limit
                        for update skip locked
                        """)
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query((rs, row) -> new HoldRow(
                        rs.getObject("id", UUID.class),
                        rs.getString("reference"),
                        rs.getString("status"),
                        rs.getTimestamp("expires_at").toInstant()))
                .list();
    }

    public List<HoldItem> items(UUID holdId) {
        return jdbc.sql("select tier_id, quantity from hold_items where hold_id = :hold order by tier_id")
                .param("hold", holdId)
                .query((rs, row) -> new HoldItem(rs.getObject("tier_id", UUID.class), rs.getInt("quantity")))
                .list();
    }

    public void markReleased(UUID id, String status, Instant at) {
        jdbc.sql("update holds set status = :status, released_at = :at where id = :id")
                .param("status", status)
                .param("at", Timestamp.from(at))
                .param("id", id)
                .update();
    }

    /** Gives an active hold to another reference with a new deadline; false when it is not active. */
    public boolean transfer(UUID id, String reference, Instant expiresAt) {
        return jdbc.sql("""
                                update holds set reference = :reference, expires_at = :expiresAt
                                where id = :id and status = 'active'
                                """)
                        .param("reference", reference)
                        .param("expiresAt", Timestamp.from(expiresAt))
                        .param("id", id)
                        .update()
                == 1;
    }

    public void markConverted(UUID id, Instant at) {
        jdbc.sql("update holds set status = 'converted', converted_at = :at where id = :id")
                .param("at", Timestamp.from(at))
                .param("id", id)
                .update();
    }
}
