package org.ticketvendor.catalog.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.ticketvendor.catalog.Tier;
import org.ticketvendor.catalog.TierDetails;

/** The {@code ticket_tiers} table. Soft-deleted tiers are invisible here. */
@Repository
public class TierRepository {

    private static final String COLUMNS = """
            id, event_id, currency, name, description, price_minor, capacity, sales_start_at, sales_end_at,
            min_per_order, max_per_order, status, sort_order, version, created_at, updated_at""";

    private final JdbcClient jdbc;

    TierRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a tier; a name already used in the event surfaces as {@code DuplicateKeyException}. */
    public Tier insert(UUID eventId, String currency, TierDetails details) {
        return jdbc.sql("""
                        insert into ticket_tiers (event_id, currency, name, description, price_minor, capacity,
                            sales_start_at, sales_end_at, min_per_order, max_per_order, status, sort_order)
                        values (:eventId, :currency, :name, :description, :priceMinor, :capacity,
                            :salesStartAt, :salesEndAt, :minPerOrder, :maxPerOrder, :status, :sortOrder)
                        returning %s
                        """.formatted(COLUMNS))
                .params(params(details))
                .param("eventId", eventId)
                .param("currency", currency)
                .query(TierRepository::map)
                .single();
    }

    public Optional<Tier> findById(UUID id) {
        return jdbc.sql("select %s from ticket_tiers where id = :id and deleted_at is null".formatted(COLUMNS))
                .param("id", id)
                .query(TierRepository::map)
                .optional();
    }

    public List<Tier> findByEvent(UUID eventId) {
        return jdbc.sql("""
                        select %s from ticket_tiers where event_id = :eventId and deleted_at is null
                        order by sort_order, price_minor, name
                        """.formatted(COLUMNS))
                .param("eventId", eventId)
                .query(TierRepository::map)
                .list();
    }

    public Optional<Tier> update(UUID id, long version, TierDetails details) {
        return jdbc.sql("""
                        update ticket_tiers set name = :name, description = :description, price_minor = :priceMinor,
                            capacity = :capacity, sales_start_at = :salesStartAt, sales_end_at = :salesEndAt,
                            min_per_order = :minPerOrder, max_per_order = :maxPerOrder, status = :status,
                            sort_order = :sortOrder, version = version + 1
                        where id = :id and version = :version and deleted_at is null
                        returning %s
                        """.formatted(COLUMNS))
                .params(params(details))
                .param("id", id)
                .param("version", version)
                .query(TierRepository::map)
                .optional();
    }

    public boolean softDelete(UUID id, long version, Instant at) {
        return jdbc.sql("""
                        update ticket_tiers set deleted_at = :at, version = version + 1
                        where id = :id and version = :version and deleted_at is null
                        """)
                        .param("at", Timestamp.from(at))
                        .param("id", id)
                        .param("version", version)
                        .update()
                == 1;
    }

    /** Records whether the tier is sold out; a no-op write when nothing changed is avoided. */
    public void markSoldOut(UUID id, boolean soldOut) {
        jdbc.sql("update ticket_tiers set sold_out = :soldOut where id = :id and sold_out <> :soldOut")
                .param("soldOut", soldOut)
                .param("id", id)
                .update();
    }

    private static Map<String, Object> params(TierDetails d) {
        Map<String, Object> params = new HashMap<>();
        params.put("name", d.name());
        params.put("description", d.description() == null ? "" : d.description());
        params.put("priceMinor", d.priceMinor());
        params.put("capacity", d.capacity());
        params.put("salesStartAt", d.salesStartAt() == null ? null : Timestamp.from(d.salesStartAt()));
        params.put("salesEndAt", d.salesEndAt() == null ? null : Timestamp.from(d.salesEndAt()));
        params.put("minPerOrder", d.minPerOrder());
        params.put("maxPerOrder", d.maxPerOrder());
        params.put("status", d.hidden() ? "hidden" : "active");
        params.put("sortOrder", d.sortOrder());
        return params;
    }

    static Tier map(ResultSet rs, int row) throws SQLException {
        TierDetails details = new TierDetails(
                rs.getString("name"),
                rs.getString("description"),
                rs.getLong("price_minor"),
                rs.getInt("capacity"),
                EventRepository.instant(rs, "sales_start_at"),
                EventRepository.instant(rs, "sales_end_at"),
                rs.getInt("min_per_order"),
                rs.getInt("max_per_order"),
                "hidden".equals(rs.getString("status")),
                rs.getInt("sort_order"));
        return new Tier(
                rs.getObject("id", UUID.class),
                rs.getObject("event_id", UUID.class),
                rs.getString("currency"),
                details,
                rs.getLong("version"),
                EventRepository.instant(rs, "created_at"),
                EventRepository.instant(rs, "updated_at"));
    }
}
