package org.ticketvendor.catalog.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code event_staff} table: who may check tickets in at an event's door. */
@Repository
public class EventStaffRepository {

    /** One assignment. */
    public record Assignment(UUID eventId, UUID userId, UUID addedBy, Instant createdAt) {}

    private final JdbcClient jdbc;

    EventStaffRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false when the user was already assigned */
    public boolean add(UUID eventId, UUID userId, UUID addedBy) {
        return jdbc.sql("""
                        insert into event_staff (event_id, user_id, added_by) values (:e, :u, :by)
                        on conflict do nothing
                        """)
                        .param("e", eventId)
                        .param("u", userId)
                        .param("by", addedBy)
                        .update()
                == 1;
    }

    /** @return false when the user was not assigned */
    public boolean remove(UUID eventId, UUID userId) {
        return jdbc.sql("delete from event_staff where event_id = :e and user_id = :u")
                        .param("e", eventId)
                        .param("u", userId)
                        .update()
                == 1;
    }

    public boolean isAssigned(UUID eventId, UUID userId) {
        return jdbc.sql("select exists (select 1 from event_staff where event_id = :e and user_id = :u)")
                .param("e", eventId)
                .param("u", userId)
                .query(Boolean.class)
                .single();
    }

    public List<Assignment> ofEvent(UUID eventId) {
        return jdbc.sql("""
                        select event_id, user_id, added_by, created_at from event_staff
                        where event_id = :e order by created_at, user_id
                        """)
                .param("e", eventId)
                .query((rs, n) -> new Assignment(
                        rs.getObject("event_id", UUID.class),
                        rs.getObject("user_id", UUID.class),
                        rs.getObject("added_by", UUID.class),
                        rs.getObject("created_at", Timestamp.class).toInstant()))
                .list();
    }
}
