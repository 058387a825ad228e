package org.ticketvendor.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.ticketvendor.catalog.SearchSeed.*;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
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
import org.ticketvendor.catalog.SearchSeed.Seeded;
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

    @BeforeAll
    void seedOnce() {
        seed = IntStream.rangeClosed(1, SEEDED_EVENTS)
                .mapToObj(SearchSeed::seeded)
                .toList();
        promoterId = SearchSeed.insert(jdbc);
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
