package org.ticketvendor.catalog;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The search test data set: 3,000 events of one promoter, inserted with bulk SQL, in cities unique
 * to this run, plus hand-made events for ranking. {@link #seeded} is its Java twin, from which the
 * tests compute what the search must return.
 */
final class SearchSeed {

    static final int SEEDED_EVENTS = 3_000;
    static final Instant BASE = Instant.parse("2031-01-01T00:00:00Z");
    static final String RUN = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    static final List<String> CITIES = List.of("Ashford" + RUN, "Brookvale" + RUN, "Cliffport" + RUN);
    static final String RELEVANCE_CITY = "Dunmore" + RUN;
    static final List<String> CATEGORIES = List.of("music", "comedy", "sport", "theatre");
    static final long HIDDEN_CHEAP_PRICE = 0;
    static final long HIDDEN_EXPENSIVE_PRICE = 99_999_999;
    static final long DELETED_TIER_PRICE = 1;
    static final List<String> JAZZ_IN_TITLE = List.of("Jazz Night", "Late Jazz Session", "Night of Jazz");
    static final List<String> JAZZ_IN_DESCRIPTION_ONLY = List.of("Evening Concert", "Blues and Soul");

    private SearchSeed() {}

    /** Bulk row {@code i} as the search should see it. */
    record Seeded(String title, String city, String category, boolean visible, Instant startsAt, List<Long> prices) {

        Long minPrice() {
            return prices.stream().min(Long::compare).orElse(null);
        }

        boolean hasPriceBetween(long min, long max) {
            return prices.stream().anyMatch(p -> p >= min && p <= max);
        }
    }

    /** The Java twin of the seed SQL below: keep the two in step. */
    static Seeded seeded(int i) {
        boolean published = i % 20 != 0 && i % 20 != 1; // 0: draft, 1: cancelled
        boolean visible = published && i % 25 != 2 && i % 30 != 3; // 2: deleted, 3: suspended
        long standard = 1000 + (i % 50) * 100L; // visible tiers: none when i % 50 == 5; a VIP at 3x when i % 5 == 0
        List<Long> prices = i % 50 == 5 ? List.of() : i % 5 == 0 ? List.of(standard, 3 * standard) : List.of(standard);
        Instant startsAt = BASE.plus((i * 7919L) % 8760, ChronoUnit.HOURS); // distinct hours over a year
        return new Seeded("Show " + i, CITIES.get(i % 3), CATEGORIES.get(i % 4), visible, startsAt, prices);
    }

    /** Inserts the data set with plain SQL and returns the promoter that owns it. */
    static UUID insert(JdbcClient jdbc) {
        UUID promoterId = jdbc.sql("""
                        with u as (insert into users (email, password_hash, full_name, role)
                            values (:email, 'not-a-real-hash', 'Search Seeder', 'promoter') returning id)
                        insert into promoters (user_id, company_name, contact_email)
                        select id, 'Search Seeds Ltd', :email from u returning id""")
                .param("email", "search-" + RUN + "@example.test")
                .query(UUID.class)
                .single();
        jdbc.sql("""
                        insert into events (promoter_id, title, slug, category, venue_name, city, country, starts_at,
                            ends_at, currency, status, published_at, deleted_at, suspended_at, metadata)
                        select :promoter, 'Show ' || i, 'search-' || :run || '-' || i,
                            case when i %% 8 < 4 then c.category else initcap(c.category) end,
                            'Hall ' || (i %% 5), (array[:cities])[i %% 3 + 1], 'GB',
                            timestamptz '%1$s' + ((i * 7919) %% 8760) * interval '1 hour',
                            timestamptz '%1$s' + ((i * 7919) %% 8760) * interval '1 hour' + interval '3 hours',
                            'EUR', s.status, case when s.status = 'published' then now() end,
                            case when i %% 25 = 2 then now() end, case when i %% 30 = 3 then now() end,
                            jsonb_build_object('seed', i)
                        from generate_series(1, :count) i
                        cross join lateral (select (array['music', 'comedy', 'sport', 'theatre'])[i %% 4 + 1] as category) c
                        cross join lateral (select case i %% 20 when 0 then 'draft' when 1 then 'cancelled'
                            else 'published' end as status) s
                        """.formatted(BASE))
                .param("promoter", promoterId)
                .param("run", RUN)
                .param("cities", CITIES)
                .param("count", SEEDED_EVENTS)
                .update();
        // Standard and VIP tiers are visible; a hidden tier and a soft-deleted tier with extreme prices are not.
        jdbc.sql("""
                        insert into ticket_tiers (event_id, name, price_minor, currency, capacity, status, deleted_at)
                        select e.id, t.name, t.price, 'EUR', 100, t.status, t.deleted_at
                        from events e
                        cross join lateral (select (e.metadata ->> 'seed')::int as i) s
                        cross join lateral (values
                            ('Standard', 1000 + (s.i % 50) * 100, 'active', null::timestamptz, s.i % 50 <> 5),
                            ('VIP', 3 * (1000 + (s.i % 50) * 100), 'active', null, s.i % 50 <> 5 and s.i % 5 = 0),
                            ('Comp', case when s.i % 2 = 0 then :cheap else :expensive end, 'hidden', null, s.i % 7 = 0),
                            ('Old', :deletedPrice, 'active', now(), s.i % 13 = 0)
                        ) t (name, price, status, deleted_at, wanted)
                        where e.promoter_id = :promoter and e.metadata ->> 'seed' is not null and t.wanted
                        """)
                .param("promoter", promoterId)
                .param("cheap", HIDDEN_CHEAP_PRICE)
                .param("expensive", HIDDEN_EXPENSIVE_PRICE)
                .param("deletedPrice", DELETED_TIER_PRICE)
                .update();
        // Hand-made events for ranking: description-only mentions start earliest, so only rank puts titles first.
        relevanceEvent(
                jdbc,
                promoterId,
                1,
                "Evening Concert",
                "Strings first, then some jazz after the interval.",
                "published",
                1);
        relevanceEvent(jdbc, promoterId, 2, "Blues and Soul", "Classic soul with a touch of jazz.", "published", 2);
        relevanceEvent(jdbc, promoterId, 3, "Rock Show", "Loud guitars all night.", "published", 3);
        relevanceEvent(jdbc, promoterId, 4, "Jazz Night", "An evening of standards and swing.", "published", 10);
        relevanceEvent(jdbc, promoterId, 5, "Late Jazz Session", "Improvised sets until late.", "published", 11);
        relevanceEvent(jdbc, promoterId, 6, "Night of Jazz", "Quartets and trios.", "published", 12);
        relevanceEvent(jdbc, promoterId, 7, "Jazz Gala", "Still a draft.", "draft", 13);
        relevanceEvent(jdbc, promoterId, 8, "Jazz Picnic", "Soft-deleted.", "deleted", 14);
        relevanceEvent(jdbc, promoterId, 9, "Jazz Marathon", "Suspended by an admin.", "suspended", 15);
        return promoterId;
    }

    /** {@code state}: draft, published, or deleted / suspended (both published). */
    private static void relevanceEvent(
            JdbcClient jdbc, UUID promoterId, int n, String title, String description, String state, int day) {
        jdbc.sql("""
                        insert into events (promoter_id, title, slug, description, category, venue_name, city,
                            starts_at, currency, status, published_at, deleted_at, suspended_at)
                        select :promoter, :title, :slug, :description, 'music', 'Riverside Hall', :city, :startsAt,
                            'EUR', s, case when s = 'published' then now() end,
                            case when :state = 'deleted' then now() end, case when :state = 'suspended' then now() end
                        from (select case when :state = 'draft' then 'draft' else 'published' end as s) x""")
                .param("promoter", promoterId)
                .param("title", title)
                .param("slug", "search-" + RUN + "-r" + n)
                .param("description", description)
                .param("city", RELEVANCE_CITY)
                .param("startsAt", BASE.plus(day, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC))
                .param("state", state)
                .update();
    }
}
