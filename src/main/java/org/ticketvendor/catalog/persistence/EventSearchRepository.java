package org.ticketvendor.catalog.persistence;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.ticketvendor.catalog.Event;
import org.ticketvendor.catalog.EventPage;
import org.ticketvendor.catalog.EventQuery;

/**
 * Public search over published events: full-text (tsvector, ranked), filters and sorting, built as
 * one SQL statement whose conditions are only those the query uses. User text only ever travels as a
 * bound parameter; {@code websearch_to_tsquery} never fails on odd input.
 */
@Repository
public class EventSearchRepository {

    private final JdbcClient jdbc;
    private final EventRepository events;

    EventSearchRepository(JdbcClient jdbc, EventRepository events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    public EventPage search(EventQuery query) {
        List<String> where =
                new ArrayList<>(List.of("e.status = 'published'", "e.deleted_at is null", "e.suspended_at is null"));
        Map<String, Object> params = new HashMap<>();
        boolean text = query.text() != null && !query.text().isBlank();
        if (text) {
            where.add("e.search_vector @@ websearch_to_tsquery('english', :text)");
            params.put("text", query.text());
        }
        if (query.city() != null) {
            where.add("lower(e.city) = lower(:city)");
            params.put("city", query.city());
        }
        if (query.category() != null) {
            where.add("lower(e.category) = lower(:category)");
            params.put("category", query.category());
        }
        if (query.startsFrom() != null) {
            where.add("e.starts_at >= :startsFrom");
            params.put("startsFrom", Timestamp.from(query.startsFrom()));
        }
        if (query.startsTo() != null) {
            where.add("e.starts_at < :startsTo");
            params.put("startsTo", Timestamp.from(query.startsTo()));
        }
        if (query.minPriceMinor() != null || query.maxPriceMinor() != null) {
            // Some visible tier must cost within the range (not merely the cheapest and dearest around it).
            StringBuilder tier = new StringBuilder("""
                    exists (select 1 from ticket_tiers pt where pt.event_id = e.id and pt.deleted_at is null
                            and pt.status <> 'hidden'""");
            if (query.minPriceMinor() != null) {
                tier.append(" and pt.price_minor >= :minPrice");
                params.put("minPrice", query.minPriceMinor());
            }
            if (query.maxPriceMinor() != null) {
                tier.append(" and pt.price_minor <= :maxPrice");
                params.put("maxPrice", query.maxPriceMinor());
            }
            where.add(tier.append(")").toString());
        }
        if (query.hasAvailability()) {
            where.add("""
                    exists (select 1 from ticket_tiers at where at.event_id = e.id and at.deleted_at is null
                            and at.status <> 'hidden' and not at.sold_out)""");
        }
        String from = """
                from events e
                left join lateral (
                    select min(t.price_minor) as min_price from ticket_tiers t
                    where t.event_id = e.id and t.deleted_at is null and t.status <> 'hidden'
                ) p on true
                where
                """ + String.join(" and ", where);

        long total = jdbc.sql("select count(*) " + from)
                .params(params)
                .query(Long.class)
                .single();

        String rank = text ? "ts_rank(e.search_vector, websearch_to_tsquery('english', :text))" : "0";
        String order =
                switch (query.sort() == null ? (text ? "relevance" : "starts_at") : query.sort()) {
                    case "relevance" -> text ? "rank desc, e.starts_at, e.id" : "e.starts_at, e.id";
                    case "-starts_at" -> "e.starts_at desc, e.id";
                    case "price" -> "p.min_price nulls last, e.starts_at, e.id";
                    case "-price" -> "p.min_price desc nulls last, e.starts_at, e.id";
                    default -> "e.starts_at, e.id";
                };
        params.put("limit", query.size());
        params.put("offset", (long) query.page() * query.size());
        Map<java.util.UUID, Long> minPrices = new HashMap<>();
        List<Event> page = jdbc.sql("select " + EventRepository.COLUMNS + ", p.min_price, " + rank + " as rank " + from
                        + " order by " + order + " limit :limit offset :offset")
                .params(params)
                .query((rs, row) -> {
                    Event event = events.map(rs, row);
                    long min = rs.getLong("min_price");
                    if (!rs.wasNull()) {
                        minPrices.put(event.id(), min);
                    }
                    return event;
                })
                .list();
        return new EventPage(page, minPrices, total);
    }
}
