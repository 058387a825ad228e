package org.ticketvendor.inventory.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.ticketvendor.inventory.Availability;

/**
 * The {@code tier_stock} table: one row of counters per tier. Every write is a single statement
 * whose {@code where} clause carries the business rule, so concurrent writers are serialised by
 * the row lock and each re-checks the rule against the latest committed row.
 */
@Repository
public class TierStockRepository {

    private static final String COLUMNS = "capacity, sold, held, waiting";

    private final JdbcClient jdbc;

    TierStockRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(UUID tierId, int capacity) {
        jdbc.sql("""
                        insert into tier_stock (tier_id, capacity)
                        values (:tierId, :capacity)
                        """).param("tierId", tierId).param("capacity", capacity).update();
    }

    /** Sets the capacity unless it would fall below sold + held; empty when no row qualified. */
    public Optional<Availability> resize(UUID tierId, int capacity) {
        return jdbc.sql("""
                        update tier_stock set capacity = :capacity
                        where tier_id = :tierId and sold + held <= :capacity
                        returning %s
                        """.formatted(COLUMNS))
                .param("tierId", tierId)
                .param("capacity", capacity)
                .query(TierStockRepository::map)
                .optional();
    }

    /**
     * Sets seats aside, in one conditional statement: it succeeds only while sold + held + waiting +
     * quantity stays within capacity, so no interleaving of concurrent holds can oversell, and seats
     * the waitlist waits for are not sold to the public. Empty when the seats are not there (or the
     * tier has no stock).
     */
    public Optional<Availability> hold(UUID tierId, int quantity) {
        return jdbc.sql("""
                        update tier_stock set held = held + :quantity
                        where tier_id = :tierId and sold + held + waiting + :quantity <= capacity
                        returning %s
                        """.formatted(COLUMNS))
                .param("tierId", tierId)
                .param("quantity", quantity)
                .query(TierStockRepository::map)
                .optional();
    }

    /**
     * As {@link #hold}, ahead of the waitlist: for a buyer who has already paid (a late payment), so
     * only sold + held + quantity must stay within capacity.
     */
    public Optional<Availability> holdAhead(UUID tierId, int quantity) {
        return jdbc.sql("""
                        update tier_stock set held = held + :quantity
                        where tier_id = :tierId and sold + held + :quantity <= capacity
                        returning %s
                        """.formatted(COLUMNS))
                .param("tierId", tierId)
                .param("quantity", quantity)
                .query(TierStockRepository::map)
                .optional();
    }

    /** Seats that people on the waitlist now wait for (negative when they stop waiting). */
    public Availability queue(UUID tierId, int delta) {
        return jdbc.sql("""
                        update tier_stock set waiting = waiting + :delta where tier_id = :tierId
                        returning %s
                        """.formatted(COLUMNS))
                .param("tierId", tierId)
                .param("delta", delta)
                .query(TierStockRepository::map)
                .single();
    }

    /**
     * Moves seats from waiting to held (an offer to the waitlist), only while they are free. Empty
     * when they are not.
     */
    public Optional<Availability> holdForQueue(UUID tierId, int quantity) {
        return jdbc.sql("""
                        update tier_stock set held = held + :quantity, waiting = waiting - :quantity
                        where tier_id = :tierId and sold + held + :quantity <= capacity and waiting >= :quantity
                        returning %s
                        """.formatted(COLUMNS))
                .param("tierId", tierId)
                .param("quantity", quantity)
                .query(TierStockRepository::map)
                .optional();
    }

    /**
     * Tiers with people waiting and seats free, locked for this transaction; tiers another
     * transaction has locked are skipped (SKIP LOCKED), so instances never offer the same seats.
     *
     * @return free seats per tier
     */
    public Map<UUID, Integer> lockOfferable(int limit) {
        Map<UUID, Integer> result = new java.util.LinkedHashMap<>();
        jdbc.sql("""
                        select tier_id, capacity - sold - held as free from tier_stock
                        where waiting > 0 and sold + held < capacity
                        order by tier_id limit :limit for update skip locked
                        """)
                .param("limit", limit)
                .query((rs, row) -> Map.entry(rs.getObject("tier_id", UUID.class), rs.getInt("free")))
                .list()
                .forEach(e -> result.put(e.getKey(), e.getValue()));
        return result;
    }

    /** Gives held seats back to sale. */
    public Availability unhold(UUID tierId, int quantity) {
        return adjust(tierId, -quantity, 0);
    }

    /** Turns held seats into sold ones. */
    public Availability sell(UUID tierId, int quantity) {
        return adjust(tierId, -quantity, quantity);
    }

    /** Gives sold seats back to sale (a refund). */
    public Availability unsell(UUID tierId, int quantity) {
        return adjust(tierId, 0, -quantity);
    }

    /**
     * Moves seats between held, sold and free. Unconditional: the callers move seats they know are
     * there (their own hold, their own sale); the table's CHECKs still refuse any negative count.
     */
    private Availability adjust(UUID tierId, int heldDelta, int soldDelta) {
        return jdbc.sql("""
                        update tier_stock set held = held + :heldDelta, sold = sold + :soldDelta where tier_id = :tierId
                        returning %s
                        """.formatted(COLUMNS))
                .param("tierId", tierId)
                .param("heldDelta", heldDelta)
                .param("soldDelta", soldDelta)
                .query(TierStockRepository::map)
                .single();
    }

    /** Deletes the row if nothing is sold or held; whether a row was deleted. */
    public boolean deleteIfUnused(UUID tierId) {
        return jdbc.sql("""
                                delete from tier_stock
                                where tier_id = :tierId and sold = 0 and held = 0 and waiting = 0
                                """).param("tierId", tierId).update() > 0;
    }

    public Optional<Availability> find(UUID tierId) {
        return jdbc.sql("""
                        select %s from tier_stock
                        where tier_id = :tierId
                        """.formatted(COLUMNS))
                .param("tierId", tierId)
                .query(TierStockRepository::map)
                .optional();
    }

    /** The stock of those tiers that have any, in one round trip. */
    public Map<UUID, Availability> findAll(Collection<UUID> tierIds) {
        Map<UUID, Availability> result = new HashMap<>();
        if (tierIds.isEmpty()) {
            return result;
        }
        // An array parameter, not an expanded "in (...)" list: one statement shape whatever the count.
        jdbc.sql("""
                        select tier_id, %s from tier_stock
                        where tier_id = any(:tierIds)
                        """.formatted(COLUMNS))
                .param("tierIds", tierIds.toArray(UUID[]::new))
                .query((rs, row) -> Map.entry(rs.getObject("tier_id", UUID.class), map(rs, row)))
                .list()
                .forEach(entry -> result.put(entry.getKey(), entry.getValue()));
        return result;
    }

    private static Availability map(ResultSet rs, int row) throws SQLException {
        return new Availability(rs.getInt("capacity"), rs.getInt("sold"), rs.getInt("held"), rs.getInt("waiting"));
    }
}
