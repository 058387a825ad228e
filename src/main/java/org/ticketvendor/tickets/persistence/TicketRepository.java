package org.ticketvendor.tickets.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.ticketvendor.tickets.Ticket;

/** The {@code tickets} table. */
@Repository
public class TicketRepository {

    private static final String COLUMNS = """
            id, ticket_number, order_id, event_id, tier_id, holder_user_id, status, code_serial, checked_in_at,
            created_at""";

    private final JdbcClient jdbc;

    TicketRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(String number, UUID orderId, UUID itemId, UUID eventId, UUID tierId, UUID holderId) {
        jdbc.sql("""
                        insert into tickets (ticket_number, order_id, order_item_id, event_id, tier_id, holder_user_id)
                        values (:number, :orderId, :itemId, :eventId, :tierId, :holderId)
                        """)
                .param("number", number)
                .param("orderId", orderId)
                .param("itemId", itemId)
                .param("eventId", eventId)
                .param("tierId", tierId)
                .param("holderId", holderId)
                .update();
    }

    public boolean existForOrder(UUID orderId) {
        return jdbc.sql("select exists (select 1 from tickets where order_id = :orderId)")
                .param("orderId", orderId)
                .query(Boolean.class)
                .single();
    }

    public List<Ticket> findByHolder(UUID holderId, int limit, int offset) {
        return jdbc.sql("""
                        select %s from tickets where holder_user_id = :holderId
                        order by created_at desc, ticket_number limit :limit offset :offset
                        """.formatted(COLUMNS))
                .param("holderId", holderId)
                .param("limit", limit)
                .param("offset", offset)
                .query(TicketRepository::map)
                .list();
    }

    public long countByHolder(UUID holderId) {
        return jdbc.sql("select count(*) from tickets where holder_user_id = :holderId")
                .param("holderId", holderId)
                .query(Long.class)
                .single();
    }

    public Optional<Ticket> find(UUID id) {
        return jdbc.sql("select %s from tickets where id = :id".formatted(COLUMNS))
                .param("id", id)
                .query(TicketRepository::map)
                .optional();
    }

    /**
     * Admits a valid ticket, in one conditional statement: of any number of simultaneous scans, one
     * wins. Empty when the ticket was not valid (already in, refunded, cancelled).
     */
    public Optional<Ticket> admit(UUID id, UUID by, String nonce, java.time.Instant at) {
        return jdbc.sql("""
                        update tickets set status = 'checked_in', checked_in_at = :at, checked_in_by = :by,
                            checkin_nonce = :nonce
                        where id = :id and status = 'valid'
                        returning %s
                        """.formatted(COLUMNS))
                .param("at", Timestamp.from(at))
                .param("by", by)
                .param("nonce", nonce)
                .param("id", id)
                .query(TicketRepository::map)
                .optional();
    }

    /** The nonce of the scan that admitted the ticket, if any. */
    public Optional<String> checkinNonce(UUID id) {
        return jdbc.sql("select checkin_nonce from tickets where id = :id")
                .param("id", id)
                .query((rs, row) -> Optional.ofNullable(rs.getString(1)))
                .single();
    }

    public List<Ticket> findByOrder(UUID orderId) {
        return jdbc.sql("select %s from tickets where order_id = :orderId order by ticket_number".formatted(COLUMNS))
                .param("orderId", orderId)
                .query(TicketRepository::map)
                .list();
    }

    /** The order's tickets, locked against concurrent check-ins and refunds. */
    public List<Ticket> lockByOrder(UUID orderId) {
        return jdbc.sql("select %s from tickets where order_id = :orderId order by ticket_number for update"
                        .formatted(COLUMNS))
                .param("orderId", orderId)
                .query(TicketRepository::map)
                .list();
    }

    public void markRefunded(List<UUID> ids) {
        jdbc.sql("update tickets set status = 'refunded' where id = any(:ids) and status = 'valid'")
                .param("ids", ids.toArray(UUID[]::new))
                .update();
    }

    static Ticket map(ResultSet rs, int row) throws SQLException {
        Timestamp checkedIn = rs.getTimestamp("checked_in_at");
        return new Ticket(
                rs.getObject("id", UUID.class),
                rs.getString("ticket_number"),
                rs.getObject("order_id", UUID.class),
                rs.getObject("event_id", UUID.class),
                rs.getObject("tier_id", UUID.class),
                rs.getObject("holder_user_id", UUID.class),
                rs.getString("status"),
                rs.getLong("code_serial"),
                checkedIn == null ? null : checkedIn.toInstant(),
                rs.getTimestamp("created_at").toInstant());
    }
}
