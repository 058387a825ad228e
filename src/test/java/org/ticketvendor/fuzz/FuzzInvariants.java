package org.ticketvendor.fuzz;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The stock and money invariants of the flash-sale benchmark ({@code bench/driver} {@code
 * Database.invariants()}), over the events of one fuzz run only: the test database is shared with
 * tests that corrupt counters on purpose to check the application's reaction.
 */
final class FuzzInvariants {

    /** The run's tiers: of events whose promoter is one of the run's accounts. */
    private static final String TIERS = """
            with fuzz_tiers as (
                select t.id from ticket_tiers t
                join events e on e.id = t.event_id
                join promoters p on p.id = e.promoter_id
                join users u on u.id = p.user_id
                where u.email like :prefix
            )
            """;

    private static final Map<String, String> CHECKS = new LinkedHashMap<>();

    static {
        CHECKS.put("tiers_checked", "select count(*) from fuzz_tiers");
        CHECKS.put("oversold_by_counters (sold + held > capacity)", """
                select coalesce(sum(greatest(0, ts.sold + ts.held - ts.capacity)), 0) from tier_stock ts
                where ts.tier_id in (select id from fuzz_tiers)
                """);
        CHECKS.put("oversold_by_rows (valid tickets + active holds > capacity)", """
                select coalesce(sum(greatest(0, coalesce(t.n, 0) + coalesce(h.q, 0) - ts.capacity)), 0)
                from tier_stock ts
                left join (select tier_id, count(*) as n from tickets where status in ('valid', 'checked_in')
                           group by tier_id) t using (tier_id)
                left join (select hi.tier_id, sum(hi.quantity) as q from hold_items hi
                           join holds h on h.id = hi.hold_id where h.status = 'active' group by hi.tier_id) h using (tier_id)
                where ts.tier_id in (select id from fuzz_tiers)
                """);
        CHECKS.put("sold_counter_vs_valid_tickets", """
                select coalesce(sum(abs(ts.sold - coalesce(t.n, 0))), 0) from tier_stock ts
                left join (select tier_id, count(*) as n from tickets where status in ('valid', 'checked_in')
                           group by tier_id) t using (tier_id)
                where ts.tier_id in (select id from fuzz_tiers)
                """);
        CHECKS.put("held_counter_vs_active_holds", """
                select coalesce(sum(abs(ts.held - coalesce(h.q, 0))), 0) from tier_stock ts
                left join (select hi.tier_id, sum(hi.quantity) as q from hold_items hi
                           join holds h on h.id = hi.hold_id where h.status = 'active' group by hi.tier_id) h using (tier_id)
                where ts.tier_id in (select id from fuzz_tiers)
                """);
        CHECKS.put("waiting_counter_vs_waiting_entries", """
                select coalesce(sum(abs(ts.waiting - coalesce(w.q, 0))), 0) from tier_stock ts
                left join (select tier_id, sum(quantity) as q from waitlist where status = 'waiting'
                           group by tier_id) w using (tier_id)
                where ts.tier_id in (select id from fuzz_tiers)
                """);
        CHECKS.put("valid_tickets_not_in_a_paid_order", """
                select count(*) from tickets t join orders o on o.id = t.order_id
                where t.status in ('valid', 'checked_in') and o.status not in ('paid', 'partially_refunded')
                  and t.tier_id in (select id from fuzz_tiers)
                """);
        CHECKS.put("tickets_whose_tier_differs_from_their_order_line", """
                select count(*) from tickets t join order_items oi on oi.id = t.order_item_id
                where (oi.tier_id <> t.tier_id or oi.order_id <> t.order_id)
                  and t.tier_id in (select id from fuzz_tiers)
                """);
        CHECKS.put("duplicate_ticket_numbers", """
                select count(*) - count(distinct ticket_number) from tickets
                where tier_id in (select id from fuzz_tiers)
                """);
        CHECKS.put("paid_orders_without_all_their_tickets", """
                select count(*) from orders o
                join (select order_id, sum(quantity) as q from order_items group by order_id) i on i.order_id = o.id
                left join (select order_id, count(*) as n from tickets group by order_id) t on t.order_id = o.id
                where o.status in ('paid', 'partially_refunded') and coalesce(t.n, 0) <> i.q
                  and o.id in (select order_id from order_items where tier_id in (select id from fuzz_tiers))
                """);
        CHECKS.put("negative_counters", """
                select count(*) from tier_stock
                where (sold < 0 or held < 0 or waiting < 0) and tier_id in (select id from fuzz_tiers)
                """);
    }

    private FuzzInvariants() {}

    /** Every check's value; all but {@code tiers_checked} must be 0. */
    static Map<String, Long> check(JdbcClient jdbc, String emailPrefix) {
        Map<String, Long> result = new LinkedHashMap<>();
        CHECKS.forEach((name, sql) -> result.put(
                name,
                jdbc.sql(TIERS + sql)
                        .param("prefix", emailPrefix + "%")
                        .query(Long.class)
                        .single()));
        return result;
    }

    static boolean clean(Map<String, Long> result) {
        return result.entrySet().stream()
                .filter(e -> !e.getKey().equals("tiers_checked"))
                .allMatch(e -> e.getValue() == 0);
    }
}
