package org.ticketvendor.scaleout;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.ticketvendor.orders.SaleFixture;

/**
 * What the two-instance tests check, in SQL and in the mailbox: each check returns what is wrong (empty
 * when all is well), so a failure names the rows, and the negative controls can show that a real
 * double is caught. Plus the one write the tests make behind the application's back: moving deadlines.
 */
final class Ledger {

    private final JdbcClient jdbc;

    Ledger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Tiers of the event whose counters disagree with the rows: {@code held} must equal the seats of the
     * active holds and {@code waiting} the seats of the waiting entries, and {@code sold + held} must stay
     * within capacity.
     */
    List<String> stockMismatches(UUID eventId) {
        return jdbc.sql("""
                        select s.tier_id::text || ': capacity ' || s.capacity || ', sold ' || s.sold || ', held '
                               || s.held || ' (active hold rows ' || coalesce(h.seats, 0) || '), waiting '
                               || s.waiting || ' (waiting rows ' || coalesce(w.seats, 0) || ')'
                        from tier_stock s
                        join ticket_tiers t on t.id = s.tier_id
                        left join (select i.tier_id, sum(i.quantity) as seats from hold_items i
                                   join holds h on h.id = i.hold_id where h.status = 'active'
                                   group by i.tier_id) h on h.tier_id = s.tier_id
                        left join (select tier_id, sum(quantity) as seats from waitlist
                                   where status = 'waiting' group by tier_id) w on w.tier_id = s.tier_id
                        where t.event_id = :event
                          and (s.held <> coalesce(h.seats, 0) or s.waiting <> coalesce(w.seats, 0)
                               or s.sold + s.held > s.capacity)
                        """).param("event", eventId).query(String.class).list();
    }

    /** Holds of the event's orders whose expiry was not recorded exactly once ({@code reference: count}). */
    List<String> holdsNotExpiredOnce(UUID eventId) {
        return jdbc.sql("""
                        select o.id::text || ': ' || count(a.id)
                        from orders o
                        left join audit_log a on a.action = 'hold.expired' and a.entity_id = o.id::text
                        where o.event_id = :event
                        group by o.id
                        having count(a.id) <> 1
                        """).param("event", eventId).query(String.class).list();
    }

    /** Orders of the event not audited as expired exactly once. */
    List<String> ordersNotExpiredOnce(UUID eventId) {
        return jdbc.sql("""
                        select o.id::text || ': ' || count(a.id)
                        from orders o
                        left join audit_log a on a.action = 'order.expired' and a.entity_id = o.id::text
                        where o.event_id = :event
                        group by o.id
                        having count(a.id) <> 1
                        """).param("event", eventId).query(String.class).list();
    }

    /** Offered entries of the tier without exactly one offer audit row, one active offer hold and one mail. */
    List<String> offersNotMadeOnce(UUID tierId) {
        return jdbc.sql("""
                        select w.id::text || ': audited ' || (select count(*) from audit_log a
                                   where a.action = 'waitlist.offered' and a.entity_id = w.id::text)
                               || ', holds ' || (select count(*) from holds h
                                   where h.reference = 'waitlist:' || w.id and h.status = 'active')
                               || ', mails ' || (select count(*) from email_notifications n
                                   where n.template = 'waitlist-offer' and n.reference = w.id::text)
                        from waitlist w
                        where w.tier_id = :tier and w.status = 'offered'
                          and ((select count(*) from audit_log a
                                   where a.action = 'waitlist.offered' and a.entity_id = w.id::text) <> 1
                               or (select count(*) from holds h
                                   where h.reference = 'waitlist:' || w.id and h.status = 'active') <> 1
                               or (select count(*) from email_notifications n
                                   where n.template = 'waitlist-offer' and n.reference = w.id::text) <> 1)
                        """).param("tier", tierId).query(String.class).list();
    }

    /** A number from SQL that may name the sale's event ({@code :id}) and tier ({@code :tier}). */
    long count(String sql, SaleFixture sale) {
        Map<String, Object> params = new HashMap<>();
        if (sql.contains(":id")) {
            params.put("id", sale.eventId());
        }
        if (sql.contains(":tier")) {
            params.put("tier", sale.tierId());
        }
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    /** The orders' and their holds' deadlines have passed, as if their time to pay ran out. */
    void pastDeadline(List<String> orderIds) {
        jdbc.sql("update orders set expires_at = now() - interval '1 minute' where id::text in (:ids)")
                .param("ids", orderIds)
                .update();
        jdbc.sql("update holds set expires_at = now() - interval '1 minute' where reference in (:ids)")
                .param("ids", orderIds)
                .update();
    }

    /** Outbox rows not yet done (pending or being sent). */
    long unsentMails() {
        return jdbc.sql("select count(*) from email_notifications where status in ('pending', 'sending')")
                .query(Long.class)
                .single();
    }

    /** Ids of the rows the outbox says it sent. */
    List<UUID> sentMails() {
        return jdbc.sql("select id from email_notifications where status = 'sent' order by id")
                .query(UUID.class)
                .list();
    }

    /** Rows sharing a dedupe key (the outbox enqueues each mail once). */
    List<String> repeatedDedupeKeys() {
        return jdbc.sql("""
                        select dedupe_key || ': ' || count(*) from email_notifications
                        where dedupe_key is not null group by dedupe_key having count(*) > 1
                        """).query(String.class).list();
    }

    /** How many messages the mailbox received per outbox row (the Message-ID is {@code <row id@domain>}). */
    static Map<UUID, Integer> deliveriesPerRow(MimeMessage[] received) throws MessagingException {
        Map<UUID, Integer> counts = new TreeMap<>();
        for (MimeMessage message : received) {
            counts.merge(rowOf(message), 1, Integer::sum);
        }
        return counts;
    }

    /** Rows delivered more than once. */
    static List<UUID> deliveredTwice(Map<UUID, Integer> deliveries) {
        List<UUID> twice = new ArrayList<>();
        deliveries.forEach((row, count) -> {
            if (count > 1) {
                twice.add(row);
            }
        });
        return twice;
    }

    static UUID rowOf(MimeMessage message) throws MessagingException {
        String id = message.getMessageID();
        return UUID.fromString(id.substring(1, id.indexOf('@')));
    }

    /** The sending instance's name: each instance has a sender domain of its own. */
    static String senderOf(MimeMessage message) throws MessagingException {
        String id = message.getMessageID();
        return id.substring(id.indexOf('@') + 1, id.length() - 1);
    }
}
