package org.ticketvendor.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restassured.response.Response;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.ticketvendor.analytics.AnalyticsExceptions.ExportsBusyException;
import org.ticketvendor.analytics.AnalyticsExports.Kind;
import org.ticketvendor.catalog.Catalog;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;

/** CSV exports: what they contain, that the file is RFC 4180 and formula-safe, and who exported what. */
@IntegrationTest
class AnalyticsExportIntegrationTests {

    static final String NASTY_NAME = "=HYPERLINK(\"http://evil.test\",\"click\"), Jr";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    @Autowired
    AnalyticsExports exports;

    ApiClient api;
    AnalyticsScenario scenario;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        scenario = AnalyticsScenario.get(api, jdbc, context);
    }

    @Test
    void ordersCsvHasEveryOrderOfTheEventWithItsBuyerAndMoney() {
        Response response = csv(scenario.promoter, "orders.csv");
        assertThat(response.header("Content-Type")).startsWith("text/csv").contains("UTF-8");
        assertThat(response.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"orders-" + scenario.eventId + ".csv\"");
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        List<List<String>> rows = Csv.parse(response.asString());
        assertThat(rows.get(0))
                .containsExactly(
                        "order_number",
                        "status",
                        "placed_at",
                        "paid_at",
                        "cancelled_at",
                        "refunded_at",
                        "buyer_name",
                        "buyer_email",
                        "tickets",
                        "subtotal_minor",
                        "fees_minor",
                        "total_minor",
                        "refunded_minor",
                        "currency");
        List<List<String>> data = rows.subList(1, rows.size());
        Map<String, String> statusByNumber = jdbc
                .sql("select order_number, status from orders where event_id = :e")
                .param("e", scenario.eventId)
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getString(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(data).hasSize(8);
        assertThat(data.stream().collect(Collectors.toMap(r -> r.get(0), r -> r.get(1))))
                .isEqualTo(statusByNumber);
        assertThat(data.stream().map(r -> r.get(1)))
                .containsExactlyInAnyOrder(
                        "paid",
                        "partially_refunded",
                        "refunded",
                        "cancelled",
                        "pending_payment",
                        "expired",
                        "paid",
                        "cancelled");
        List<String> b1 = data.get(0);
        assertThat(b1.get(8)).isEqualTo("3");
        assertThat(b1.get(11)).isEqualTo(Long.toString(2 * 2_500 + 9_000));
        assertThat(b1.get(13)).isEqualTo("EUR");
        assertThat(b1.get(7)).endsWith("@example.test");
        List<String> partial = data.stream()
                .filter(r -> r.get(1).equals("partially_refunded"))
                .findFirst()
                .orElseThrow();
        assertThat(partial.get(12)).isEqualTo("2500");
        assertThat(data.stream().mapToLong(r -> Long.parseLong(r.get(12))).sum())
                .isEqualTo(11_500);
    }

    @Test
    void attendeesCsvHasEveryTicketWithItsHolderAndCheckIn() {
        List<List<String>> rows =
                Csv.parse(csv(api.adminToken(), "attendees.csv").asString());
        assertThat(rows.get(0))
                .containsExactly(
                        "ticket_number",
                        "status",
                        "tier",
                        "holder_name",
                        "holder_email",
                        "order_number",
                        "issued_at",
                        "checked_in_at");
        List<List<String>> data = rows.subList(1, rows.size());
        assertThat(data).hasSize(8);
        assertThat(data.stream().map(r -> r.get(1)))
                .containsExactlyInAnyOrder(
                        "checked_in", "valid", "checked_in", "valid", "valid", "refunded", "refunded", "valid");
        assertThat(data.stream().filter(r -> !r.get(7).isEmpty()).map(r -> r.get(2)))
                .containsExactlyInAnyOrder("Standard", "VIP");
        assertThat(data.stream().map(r -> r.get(0)).toList())
                .containsExactlyInAnyOrderElementsOf(jdbc.sql("select ticket_number from tickets where event_id = :e")
                        .param("e", scenario.eventId)
                        .query(String.class)
                        .list());
    }

    @Test
    void cellsAreEscapedAndFormulasNeutralised() {
        String[] promoter = AnalyticsScenario.newPromoter(api);
        UUID event = AnalyticsScenario.newEvent(api, promoter[0], "EUR", "UTC");
        UUID tier = AnalyticsScenario.newTier(api, promoter[0], event, "+Front \"row\"", 100, 5);
        AnalyticsScenario.publish(api, promoter[0], event);
        String email = "-cmd" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        String buyer = api.anonymous()
                .body("""
                        {"email": "%s", "password": "%s", "full_name": %s}
                        """.formatted(email, ApiClient.PASSWORD, json(NASTY_NAME + "\nline two")))
                .post("/api/v1/auth/register")
                .then()
                .statusCode(201)
                .extract()
                .path("tokens.access_token");
        AnalyticsScenario.buy(api, buyer, tier, 1);

        String text = csv(promoter[0], event, "attendees.csv").asString();
        assertThat(text)
                .contains("\"'=HYPERLINK(\"\"http://evil.test\"\",\"\"click\"\"), Jr\nline two\"")
                .contains(",\"'+Front \"\"row\"\"\",")
                .contains(",'" + email.toLowerCase() + ",");
        List<String> row = Csv.parse(text).get(1);
        assertThat(row.get(2)).isEqualTo("'+Front \"row\"");
        assertThat(row.get(3)).isEqualTo("'" + NASTY_NAME + "\nline two");
        assertThat(row.get(4)).isEqualTo("'" + email.toLowerCase());
        for (List<String> record :
                Csv.parse(csv(promoter[0], event, "orders.csv").asString())) {
            assertThat(record).hasSize(14);
            record.forEach(cell ->
                    assertThat(cell).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("@"));
        }
    }

    @Test
    void everyExportIsAuditedWithWhoAndWhat() {
        String me = api.as(scenario.promoter).get("/api/v1/users/me").path("id");
        csv(scenario.promoter, "attendees.csv");
        Map<String, Object> row =
                jdbc.sql("""
                        select actor_user_id, action, after ->> 'file' as file from audit_log
                        where entity_type = 'event' and entity_id = :e and action like 'event.%_exported'
                        order by id desc limit 1
                        """).param("e", scenario.eventId.toString()).query().singleRow();
        assertThat(row)
                .containsEntry("actor_user_id", UUID.fromString(me))
                .containsEntry("action", "event.attendees_exported")
                .containsEntry("file", "attendees.csv");
    }

    @Test
    void exportsBeyondTheLimitAreTurnedAwayAndThePermitsComeBack() {
        Catalog.Editor admin = new Catalog.Editor(null, true);
        StringWriter inner = new StringWriter();
        // The default limit is two: a third export started while two stream is refused.
        assertThatThrownBy(() -> exports.export(admin, scenario.eventId, Kind.ORDERS, () -> {
                    exports.export(admin, scenario.eventId, Kind.ORDERS, () -> {
                        exports.export(admin, scenario.eventId, Kind.ORDERS, StringWriter::new);
                        return inner;
                    });
                    return new StringWriter();
                }))
                .isInstanceOf(ExportsBusyException.class);
        StringWriter out = new StringWriter();
        assertThat(exports.export(admin, scenario.eventId, Kind.ORDERS, () -> out))
                .isEqualTo(8);
        assertThat(exports.export(admin, scenario.eventId, Kind.ATTENDEES, StringWriter::new))
                .isEqualTo(8);
        assertThat(Csv.parse(out.toString())).hasSize(9);
    }

    @Test
    void aDownloadThatOnlyAcceptsJsonIsRefused() {
        api.as(scenario.promoter)
                .accept("application/json")
                .get("/api/v1/promoter/events/" + scenario.eventId + "/orders.csv")
                .then()
                .statusCode(406);
    }

    @Test
    void theOpenApiDocumentDescribesTheReportsAndTheDownloads() {
        io.restassured.path.json.JsonPath docs = api.anonymous()
                .get("/v3/api-docs")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Object> paths = docs.getMap("paths");
        assertThat(paths)
                .containsKeys(
                        "/api/v1/promoter/events/{eventId}/analytics",
                        "/api/v1/promoter/analytics",
                        "/api/v1/promoter/events/{eventId}/orders.csv",
                        "/api/v1/promoter/events/{eventId}/attendees.csv");
        assertThat(docs.getMap("paths.'/api/v1/promoter/events/{eventId}/orders.csv'.get.responses.'200'.content"))
                .containsKey("text/csv");
        assertThat(docs.getList("paths.'/api/v1/promoter/events/{eventId}/analytics'.get.parameters.name"))
                .contains("granularity", "from", "to", "tier_id");
    }

    private Response csv(String token, String file) {
        return csv(token, scenario.eventId, file);
    }

    private Response csv(String token, UUID event, String file) {
        Response response = api.as(token).accept("text/csv").get("/api/v1/promoter/events/" + event + "/" + file);
        response.then().statusCode(200);
        return response;
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
