package org.ticketvendor.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.NestedTestConfiguration;
import org.ticketvendor.security.AccessMatrix.Row;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;
import org.ticketvendor.support.TestDatabaseInitializer;
import org.ticketvendor.waitlist.WaitlistOffers;

/**
 * OWASP API4:2023 Unrestricted Resource Consumption: how much one request may ask for (page sizes,
 * body sizes, nesting, lines per order) and how many requests one client may make (rate limits,
 * in an application of their own with limits small enough to reach).
 */
@IntegrationTest
class Api4UnrestrictedResourceConsumptionIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    WaitlistOffers offers;

    MatrixWorld w;

    /** Not a {@code @BeforeEach}: that would run for the nested rate-limit tests too, in another application. */
    private void world() {
        w = MatrixWorld.of(port, offers);
    }

    @Test
    void everyPagedListOfTheApiServesAtMostOneHundredItemsAPage() {
        world();
        Map<String, Map<String, Object>> paths = given().port(port)
                .get("/v3/api-docs")
                .then()
                .statusCode(200)
                .extract()
                .path("paths");
        List<String> paged = new ArrayList<>();
        List<String> numbered = new ArrayList<>(); // paged by number; the others by a keyset cursor
        paths.forEach((path, operations) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> get = (Map<String, Object>) operations.get("get");
            if (get != null && String.valueOf(get.get("parameters")).contains("name=size")) {
                paged.add(path);
                if (String.valueOf(get.get("parameters")).contains("name=page")) {
                    numbered.add(path);
                }
            }
        });
        assertThat(paged)
                .containsExactlyInAnyOrder(
                        "/api/v1/events",
                        "/api/v1/orders",
                        "/api/v1/tickets",
                        "/api/v1/waitlist",
                        "/api/v1/promoter/events",
                        "/api/v1/promoter/analytics",
                        "/api/v1/admin/users",
                        "/api/v1/admin/notifications",
                        "/api/v1/admin/audit");

        for (String path : paged) {
            Actor caller = allowedCaller("GET " + path);
            w.as(caller).queryParam("size", 100).get(path).then().statusCode(200);
            w.as(caller)
                    .queryParam("size", 101)
                    .get(path)
                    .then()
                    .statusCode(400)
                    .body("errors.field", hasItem("size"));
            w.as(caller).queryParam("size", 0).get(path).then().statusCode(400);
            if (!numbered.contains(path)) {
                continue;
            }
            w.as(caller)
                    .queryParam("page", 10_001)
                    .get(path)
                    .then()
                    .statusCode(400)
                    .body("errors.field", hasItem("page"));
        }
    }

    @Test
    void bodiesOverTheLimitAreRefusedBeforeAnythingReadsThemAuthenticatedOrNot() {
        world();
        String big = "{\"title\": \"" + "x".repeat(300_000) + "\"}";
        w.as(Actor.PROMOTER)
                .body(big)
                .post("/api/v1/events")
                .then()
                .statusCode(413)
                .body("code", equalTo("payload_too_large"));
        w.as(Actor.ANONYMOUS).body(big).post("/api/v1/orders").then().statusCode(413);
        given().port(port)
                .contentType(ContentType.JSON)
                .header("Stripe-Signature", "t=1,v1=00")
                .body(new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)))
                .post("/api/v1/payments/webhooks/stripe")
                .then()
                .statusCode(413);
    }

    @Test
    void deeplyNestedJsonIsRefusedAsABadRequest() {
        world();
        int depth = 2_000;
        String nested = "{\"a\": ".repeat(depth) + "1" + "}".repeat(depth);
        w.as(Actor.PROMOTER)
                .body(MatrixWorld.eventJson("Nested").replaceFirst("\\{", "{\"metadata\": " + nested + ", "))
                .post("/api/v1/events")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        w.as(Actor.ANONYMOUS)
                .body("[".repeat(depth) + "]".repeat(depth))
                .post("/api/v1/auth/login")
                .then()
                .statusCode(400);
    }

    @Test
    void absurdNumbersAndStringsAreRefusedAsBadRequests() {
        world();
        w.as(Actor.BUYER)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"items\": [{\"tier_id\": \"" + w.event.tierId() + "\", \"quantity\": 1" + "0".repeat(40)
                        + "}]}")
                .post("/api/v1/orders")
                .then()
                .statusCode(400);
        w.as(Actor.BUYER).get("/api/v1/orders/" + "1".repeat(5_000)).then().statusCode(400);
        w.as(Actor.ANONYMOUS).get("/api/v1/events/" + "s".repeat(201)).then().statusCode(400);
        w.as(Actor.ANONYMOUS)
                .queryParam("q", "q".repeat(201))
                .get("/api/v1/events")
                .then()
                .statusCode(400);
        w.as(Actor.BUYER)
                .header("Idempotency-Key", "k".repeat(1_000))
                .body(MatrixWorld.orderJson(w.event.tierId(), 1))
                .post("/api/v1/orders")
                .then()
                .statusCode(org.hamcrest.Matchers.both(org.hamcrest.Matchers.greaterThanOrEqualTo(400))
                        .and(org.hamcrest.Matchers.lessThan(500)));
    }

    @Test
    void oneRequestAsksForAtMostTwentyOrderLinesTenWaitlistSeatsAndAHundredRefundedTickets() {
        world();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 21; i++) {
            lines.append(i == 0 ? "" : ", ")
                    .append("{\"tier_id\": \"")
                    .append(UUID.randomUUID())
                    .append("\", \"quantity\": 1}");
        }
        w.as(Actor.BUYER)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"items\": [" + lines + "]}")
                .post("/api/v1/orders")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("items"));
        w.as(Actor.BUYER)
                .body("{\"tier_id\": \"" + w.soldOutTier + "\", \"quantity\": 11}")
                .post("/api/v1/waitlist")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("quantity"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            ids.add("\"" + UUID.randomUUID() + "\"");
        }
        w.as(Actor.PROMOTER)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"reason\": \"many\", \"ticket_ids\": [" + String.join(",", ids) + "]}")
                .post("/api/v1/orders/" + w.paidOrder.id() + "/refund")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("ticket_ids"));
    }

    private static Actor allowedCaller(String endpoint) {
        for (Row row : AccessMatrix.ROWS) {
            if (row.endpoint().replaceAll("\\s+", " ").equals(endpoint)) {
                for (Actor actor : Actor.values()) {
                    if (row.expected(actor) == 200) {
                        return actor;
                    }
                }
            }
        }
        throw new IllegalArgumentException("No matrix row lets anyone call " + endpoint);
    }

    /**
     * The per-address limits of registering and refreshing, in an application whose limits are two
     * requests a period; each test calls from loopback addresses of its own.
     */
    @Nested
    @NestedTestConfiguration(NestedTestConfiguration.EnclosingConfiguration.OVERRIDE)
    @SpringBootTest(
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {
                "ticketvendor.identity.bcrypt-strength=4",
                "ticketvendor.jobs.enabled=false",
                "ticketvendor.rate-limits.policies.register.per-ip.capacity=2",
                "ticketvendor.rate-limits.policies.refresh.per-ip.capacity=2",
                "ticketvendor.rate-limits.policies.login.per-ip.capacity=1000"
            })
    @ContextConfiguration(initializers = TestDatabaseInitializer.class)
    class RateLimits {

        @LocalServerPort
        int limitedPort;

        @Test
        void theThirdRegistrationFromOneAddressIsA429AndCreatesNoAccount() {
            register(from("127.0.0.41"), ApiClient.newEmail()).then().statusCode(201);
            register(from("127.0.0.41"), ApiClient.newEmail()).then().statusCode(201);
            String refused = ApiClient.newEmail();

            register(from("127.0.0.41"), refused)
                    .then()
                    .statusCode(429)
                    .header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*"))
                    .body("code", equalTo("rate_limited"))
                    .body("policy", equalTo("register"));

            from("127.0.0.42")
                    .body("{\"email\": \"" + refused + "\", \"password\": \"" + ApiClient.PASSWORD + "\"}")
                    .post("/api/v1/auth/login")
                    .then()
                    .statusCode(401);
            register(from("127.0.0.42"), refused).then().statusCode(201);
        }

        @Test
        void refreshingIsLimitedPerAddressSoStolenTokensCannotBeTriedInBulk() {
            String refresh = register(from("127.0.0.43"), ApiClient.newEmail()).path("tokens.refresh_token");
            for (int i = 0; i < 2; i++) {
                refresh = refresh(from("127.0.0.44"), refresh)
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("refresh_token");
            }

            refresh(from("127.0.0.44"), refresh).then().statusCode(429).body("policy", equalTo("refresh"));
            refresh(from("127.0.0.45"), refresh).then().statusCode(200);
        }

        private Response register(RequestSpecification request, String email) {
            return request.body("""
                            {"email": "%s", "password": "%s", "full_name": "Limited"}
                            """.formatted(email, ApiClient.PASSWORD)).post("/api/v1/auth/register");
        }

        private Response refresh(RequestSpecification request, String token) {
            return request.body("{\"refresh_token\": \"" + token + "\"}").post("/api/v1/auth/refresh");
        }

        private RequestSpecification from(String address) {
            try {
                return new ApiClient(limitedPort)
                        .anonymous()
                        .config(RestAssuredConfig.config()
                                .httpClient(HttpClientConfig.httpClientConfig()
                                        .setParam("http.route.local-address", InetAddress.getByName(address))));
            } catch (UnknownHostException ex) {
                throw new IllegalArgumentException(ex);
            }
        }
    }
}
