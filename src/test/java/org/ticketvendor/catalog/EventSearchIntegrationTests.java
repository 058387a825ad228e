package org.ticketvendor.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;

/**
 * {@code GET /api/v1/events} against a few thousand events bulk-inserted once per class. Every seeded
 * city name carries this run's random marker, and every assertion filters by one of those cities, so
 * events that other test classes create in the shared database never disturb the counts. What the
 * search should return is computed in Java from the same formulas the seed SQL uses ({@link #seeded}).
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventSearchIntegrationTests {

    private static final int SEEDED_EVENTS = 3_000;
    private static final Instant BASE = Instant.parse("2031-01-01T00:00:00Z");
    private static final String RUN =
            UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private static final List<String> CITIES = List.of("Ashford" + RUN, "Brookvale" + RUN, "Cliffport" + RUN);
    private static final String RELEVANCE_CITY = "Dunmore" + RUN;
    private static final List<String> CATEGORIES = List.of("music", "comedy", "sport", "theatre");
    private static final long HIDDEN_CHEAP_PRICE = 0;
    private static final long HIDDEN_EXPENSIVE_PRICE = 99_999_999;
    private static final long DELETED_TIER_PRICE = 1;
    private static final List<String> JAZZ_IN_TITLE = List.of("Jazz Night", "Late Jazz Session", "Night of Jazz");
    private static final List<String> JAZZ_IN_DESCRIPTION_ONLY = List.of("Evening Concert", "Blues and Soul");
    private static final Comparator<Seeded> BY_START = Comparator.comparing(Seeded::startsAt);
    private static final Comparator<Seeded> BY_PRICE = Comparator.comparing(
                    Seeded::minPrice, Comparator.nullsLast(Comparator.<Long>naturalOrder()))
            .thenComparing(BY_START);
    private static final Comparator<Seeded> BY_PRICE_DESC = Comparator.comparing(
                    Seeded::minPrice, Comparator.nullsLast(Comparator.<Long>reverseOrder()))
            .thenComparing(BY_START);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    UUID promoterId;
    List<Seeded> seed;

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

    @BeforeAll
    void seedOnce() {
        seed = IntStream.rangeClosed(1, SEEDED_EVENTS)
                .mapToObj(EventSearchIntegrationTests::seeded)
                .toList();
        promoterId = jdbc.sql("""
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
        relevanceEvent(1, "Evening Concert", "Strings first, then some jazz after the interval.", "published", 1);
        relevanceEvent(2, "Blues and Soul", "Classic soul with a touch of jazz.", "published", 2);
        relevanceEvent(3, "Rock Show", "Loud guitars all night.", "published", 3);
        relevanceEvent(4, "Jazz Night", "An evening of standards and swing.", "published", 10);
        relevanceEvent(5, "Late Jazz Session", "Improvised sets until late.", "published", 11);
        relevanceEvent(6, "Night of Jazz", "Quartets and trios.", "published", 12);
        relevanceEvent(7, "Jazz Gala", "Still a draft.", "draft", 13);
        relevanceEvent(8, "Jazz Picnic", "Soft-deleted.", "deleted", 14);
        relevanceEvent(9, "Jazz Marathon", "Suspended by an admin.", "suspended", 15);
    }

    /** {@code state}: draft, published, or deleted / suspended (both published). */
    private void relevanceEvent(int n, String title, String description, String state, int day) {
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

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    @Test
    void onlyPublishedVisibleEventsAreListed() {
        long allVisible = seed.stream().filter(Seeded::visible).count();
        assertThat(allVisible).isLessThan(SEEDED_EVENTS).isGreaterThan(SEEDED_EVENTS / 2);
        long listed = 0;
        for (String city : CITIES) {
            JsonPath page = ok("city", city, "size", 100);
            assertThat(page.getLong("total_items"))
                    .as(city)
                    .isEqualTo(expected(inCity(city)).size());
            assertThat(page.getList("items.status", String.class)).containsOnly("published");
            listed += page.getLong("total_items");
        }
        assertThat(listed).isEqualTo(allVisible);
        List<String> hidden =
                seed.stream().filter(s -> !s.visible()).map(Seeded::title).toList();
        assertThat(walkAllPages("city", CITIES.get(0))).doesNotContainAnyElementsOf(hidden);
    }

    @Test
    void fullTextSearchRanksTitleMatchesFirst() {
        JsonPath page = ok("q", "jazz", "city", RELEVANCE_CITY);
        assertThat(page.getLong("total_items")).isEqualTo(5);
        List<String> titles = page.getList("items.title", String.class);
        assertThat(titles.subList(0, 3)).containsExactlyInAnyOrderElementsOf(JAZZ_IN_TITLE);
        assertThat(titles.subList(3, 5)).containsExactlyInAnyOrderElementsOf(JAZZ_IN_DESCRIPTION_ONLY);
        assertThat(titles("q", "jazz", "city", RELEVANCE_CITY, "sort", "relevance"))
                .isEqualTo(titles);
        assertThat(titles("q", "jazz", "city", RELEVANCE_CITY, "sort", "starts_at"))
                .containsExactly(
                        "Evening Concert", "Blues and Soul", "Jazz Night", "Late Jazz Session", "Night of Jazz");
    }

    @Test
    void searchUnderstandsWebSearchSyntax() {
        assertThat(titles("q", "\"jazz night\"", "city", RELEVANCE_CITY)).containsExactly("Jazz Night");
        assertThat(titles("q", "\"night of jazz\"", "city", RELEVANCE_CITY)).containsExactly("Night of Jazz");
        assertThat(titles("q", "jazz -night", "city", RELEVANCE_CITY, "sort", "starts_at"))
                .containsExactly("Evening Concert", "Blues and Soul", "Late Jazz Session");
        assertThat(titles("q", "jazz or guitars", "city", RELEVANCE_CITY))
                .hasSize(6)
                .contains("Rock Show");
        assertThat(titles("q", "nights", "city", RELEVANCE_CITY)) // english stemming
                .containsExactlyInAnyOrder("Jazz Night", "Night of Jazz", "Rock Show");
    }

    @Test
    void filtersByCityAndCategoryCaseInsensitively() {
        String city = CITIES.get(1);
        JsonPath music = ok("city", city.toUpperCase(), "category", "MUSIC", "size", 100);
        assertThat(music.getLong("total_items"))
                .isEqualTo(expected(inCity(city).and(inCategory("music"))).size());
        assertThat(music.getList("items.venue.city", String.class)).containsOnly(city);
        assertThat(music.getList("items.category", String.class)).containsOnly("music", "Music");
        assertThat(total("city", city.toLowerCase(), "category", "Theatre"))
                .isEqualTo(expected(inCity(city).and(inCategory("theatre"))).size());
        assertThat(total("city", city, "category", "opera")).isZero();
        assertThat(total("city", city.substring(0, 6)))
                .as("equality, not prefix")
                .isZero();
    }

    @Test
    void filtersByStartDateRange() {
        String city = CITIES.get(2);
        List<Seeded> byStart = sorted(inCity(city), BY_START);
        String from = byStart.get(100).startsAt().toString();
        String to = byStart.get(400).startsAt().toString();
        JsonPath range = ok("city", city, "starts_from", from, "starts_to", to);
        assertThat(range.getLong("total_items")).isEqualTo(300);
        assertThat(range.getString("items[0].title")).isEqualTo(byStart.get(100).title());
        assertThat(total("city", city, "starts_from", from)).isEqualTo(byStart.size() - 100);
        assertThat(total("city", city, "starts_to", to)).isEqualTo(400);
        assertThat(total("city", city, "starts_from", from, "starts_to", from)).isZero();
        Seeded last = byStart.get(byStart.size() - 1);
        assertThat(titles("city", city, "starts_from", last.startsAt().toString()))
                .containsExactly(last.title());
        assertThat(total("city", city, "starts_to", byStart.get(0).startsAt().toString()))
                .isZero();
    }

    @Test
    void filtersByPriceRangeIgnoringHiddenTiers() {
        String city = CITIES.get(0);
        // Only VIP tiers (3 x standard) fall in 6000..8000; a 2000 standard with a 6000+ VIP does not "span" it.
        assertPriceFilter(city, 6_000L, 8_000L);
        assertPriceFilter(city, 1_000L, 1_000L);
        assertPriceFilter(city, 5_000L, null);
        assertPriceFilter(city, null, 1_500L);
        assertThat(total("city", city, "max_price_minor", 999))
                .as("hidden tiers at %d and deleted tiers at %d are ignored", HIDDEN_CHEAP_PRICE, DELETED_TIER_PRICE)
                .isZero();
        assertThat(total("city", city, "min_price_minor", 20_000))
                .as("hidden tiers at %d are ignored", HIDDEN_EXPENSIVE_PRICE)
                .isZero();
        List<Object> minPrices = ok("city", city, "size", 100).getList("items.min_price_minor");
        assertThat(minPrices.stream().map(v -> v == null ? null : ((Number) v).longValue()))
                .containsExactlyElementsOf(sorted(inCity(city), BY_START).stream()
                        .limit(100)
                        .map(Seeded::minPrice)
                        .toList());
    }

    private void assertPriceFilter(String city, Long min, Long max) {
        Map<String, Object> params = params("city", city, "size", 100);
        if (min != null) params.put("min_price_minor", min);
        if (max != null) params.put("max_price_minor", max);
        long lo = min == null ? 0 : min;
        long hi = max == null ? Long.MAX_VALUE : max;
        List<String> expected = expectedTitles(inCity(city).and(s -> s.hasPriceBetween(lo, hi)), BY_START);
        JsonPath page = ok(params);
        assertThat(page.getLong("total_items")).as("price %s..%s", min, max).isEqualTo(expected.size());
        assertThat(page.getList("items.title", String.class))
                .as("price %s..%s", min, max)
                .containsExactlyElementsOf(expected.subList(0, Math.min(100, expected.size())));
    }

    @Test
    void sortsByStartTimeAndByPriceBothWays() {
        String city = CITIES.get(1);
        Map<String, Comparator<Seeded>> orders = new LinkedHashMap<>();
        orders.put("starts_at", BY_START);
        orders.put("-starts_at", BY_START.reversed());
        orders.put("price", BY_PRICE);
        orders.put("-price", BY_PRICE_DESC);
        for (var order : orders.entrySet()) {
            List<String> expected = expectedTitles(inCity(city), order.getValue());
            int lastPage = (expected.size() - 1) / 100;
            assertThat(titles("city", city, "sort", order.getKey(), "size", 100))
                    .as(order.getKey())
                    .containsExactlyElementsOf(expected.subList(0, 100));
            assertThat(titles("city", city, "sort", order.getKey(), "size", 100, "page", lastPage))
                    .as(order.getKey() + ", last page (events without visible tiers come last)")
                    .containsExactlyElementsOf(expected.subList(lastPage * 100, expected.size()));
        }
        assertThat(titles("city", city))
                .as("default order without q")
                .containsExactlyElementsOf(
                        expectedTitles(inCity(city), BY_START).subList(0, 20));
    }

    @Test
    void paginatesWithoutOverlapOrGaps() {
        String city = CITIES.get(0);
        List<String> expected = expectedTitles(inCity(city), BY_START);
        JsonPath first = ok("city", city, "size", 100);
        assertThat(first.getInt("page")).isZero();
        assertThat(first.getInt("size")).isEqualTo(100);
        assertThat(first.getLong("total_items")).isEqualTo(expected.size());
        assertThat(first.getLong("total_pages")).isEqualTo((expected.size() + 99) / 100);
        assertThat(walkAllPages("city", city)).containsExactlyElementsOf(expected);
        assertThat(walkAllPages("city", city, "sort", "price"))
                .containsExactlyElementsOf(expectedTitles(inCity(city), BY_PRICE));
        assertThat(ok("city", city, "size", 100, "page", first.getInt("total_pages"))
                        .getList("items"))
                .isEmpty();
    }

    /** All titles of a search, walking pages of 100 and checking that no id comes back twice. */
    private List<String> walkAllPages(Object... keysAndValues) {
        Map<String, Object> params = params(keysAndValues);
        params.put("size", 100);
        List<String> titles = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        long totalPages = ok(params).getLong("total_pages");
        for (int page = 0; page < totalPages; page++) {
            params.put("page", page);
            JsonPath json = ok(params);
            assertThat(json.getInt("page")).isEqualTo(page);
            for (String id : json.getList("items.id", String.class)) {
                assertThat(ids.add(id))
                        .as("id %s already seen on an earlier page", id)
                        .isTrue();
            }
            titles.addAll(json.getList("items.title", String.class));
        }
        return titles;
    }

    @Test
    void rejectsOversizedPagesAndBadParameters() {
        String[] cases = ("size=101 size=0 page=-1 page=10001 sort=bogus starts_from=notadate"
                        + " starts_to=2031-13-01T00:00:00Z min_price_minor=-1 max_price_minor=cheap")
                .split(" ");
        List<String> actual = new ArrayList<>();
        List<String> wanted = new ArrayList<>();
        for (String c : cases) {
            String[] kv = c.split("=", 2);
            Response response = search(params(kv[0], kv[1], "city", CITIES.get(0)));
            boolean problem = String.valueOf(response.contentType()).startsWith("application/problem+json");
            actual.add(c + " -> " + response.statusCode() + " "
                    + (problem ? response.path("code") + " " + response.path("errors.field") : "(not a problem)"));
            wanted.add(c + " -> 400 validation_failed [" + kv[0] + "]");
        }
        assertThat(actual).containsExactlyElementsOf(wanted);
    }

    @Test
    void treatsSqlAndLikeMetacharactersInQAsText() {
        long before = countOurEvents();
        List<String> nasty = Stream.of(
                        List.of("'; drop table events; --", "%", "_", "\\", "(", ")", ":*", "jazz:*", "!!", "&|"),
                        List.of("a & | b", "<->", "\"unbalanced", "'", "''", "--", "/* */", "%jazz%", "ja_z"),
                        List.of("OR 1=1", "-", "\"\"", "!(jazz)", "jazz & !", "jazz:A", "$1", "?", ":text"))
                .flatMap(List::stream)
                .toList();
        List<String> failures = new ArrayList<>();
        for (String q : nasty) {
            Response response = search(params("q", q, "city", RELEVANCE_CITY));
            if (response.statusCode() != 200 || response.path("items") == null) {
                failures.add(q + " -> " + response.statusCode() + " " + response.asString());
            } else if (response.jsonPath().getList("items").size() > 6) {
                failures.add(q + " -> more results than the city has");
            }
        }
        assertThat(failures).isEmpty();
        assertThat(titles("q", "%jazz%", "city", RELEVANCE_CITY))
                .as("%% is no wildcard")
                .hasSize(5);
        assertThat(total("q", "%", "city", RELEVANCE_CITY)).isZero();
        search(params("q", "jazz\0", "city", RELEVANCE_CITY)) // PostgreSQL text cannot hold NUL: 400, never 500
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        assertThat(countOurEvents()).isEqualTo(before);
        assertThat(jdbc.sql("select to_regclass('events') is not null")
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    @Test
    void rejectsVeryLongQ() {
        search(params("q", "a".repeat(201)))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("validation_failed"))
                .body("errors.field", hasItem("q"));
        assertThat(titles("q", "jazz " + "a".repeat(195), "city", RELEVANCE_CITY))
                .isEmpty(); // 200 chars: fine
    }

    // --- helpers ---

    private Response search(Map<String, ?> params) {
        return api.anonymous().queryParams(params).get("/api/v1/events");
    }

    private JsonPath ok(Map<String, ?> params) {
        Response response = search(params);
        assertThat(response.statusCode())
                .as("GET /api/v1/events %s: %s", params, response.asString())
                .isEqualTo(200);
        return response.jsonPath();
    }

    private JsonPath ok(Object... keysAndValues) {
        return ok(params(keysAndValues));
    }

    private long total(Object... keysAndValues) {
        return ok(keysAndValues).getLong("total_items");
    }

    private List<String> titles(Object... keysAndValues) {
        return ok(keysAndValues).getList("items.title", String.class);
    }

    private static Map<String, Object> params(Object... keysAndValues) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            params.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return params;
    }

    private static Predicate<Seeded> inCity(String city) {
        return s -> s.city().equals(city);
    }

    private static Predicate<Seeded> inCategory(String category) {
        return s -> s.category().equals(category);
    }

    /** The seeded events the search should list, in seed order. */
    private List<Seeded> expected(Predicate<Seeded> filter) {
        return seed.stream().filter(Seeded::visible).filter(filter).toList();
    }

    private List<Seeded> sorted(Predicate<Seeded> filter, Comparator<Seeded> order) {
        return expected(filter).stream().sorted(order).toList();
    }

    private List<String> expectedTitles(Predicate<Seeded> filter, Comparator<Seeded> order) {
        return sorted(filter, order).stream().map(Seeded::title).toList();
    }

    private long countOurEvents() {
        return jdbc.sql("select count(*) from events where promoter_id = :promoter")
                .param("promoter", promoterId)
                .query(Long.class)
                .single();
    }
}
