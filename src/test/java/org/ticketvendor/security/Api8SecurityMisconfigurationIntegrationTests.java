package org.ticketvendor.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.servlet.Filter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.ticketvendor.support.IntegrationTest;
import org.ticketvendor.waitlist.WaitlistOffers;

/**
 * OWASP API8:2023 Security Misconfiguration: response headers, what errors give away, which
 * operational endpoints are reachable, and the cross-origin policy. The shared test application lets
 * one other origin in, {@code https://shop.ticketvendor.test}; without configuration none is (see
 * {@code platform.security.CrossOriginTests}).
 */
@IntegrationTest
class Api8SecurityMisconfigurationIntegrationTests {

    static final String SHOP = "https://shop.ticketvendor.test";
    static final String EVIL = "https://evil.example";

    @LocalServerPort
    int port;

    @Autowired
    WaitlistOffers offers;

    @Autowired
    @Qualifier("springSecurityFilterChain")
    Filter securityFilterChain;

    MatrixWorld w;

    @BeforeEach
    void setUp() {
        w = MatrixWorld.of(port, offers);
    }

    @Test
    void everyApiAnswerCarriesTheSecurityHeadersWhateverItsStatus() {
        List<Response> answers = List.of(
                w.as(Actor.ANONYMOUS).get("/api/v1/events"),
                w.as(Actor.BUYER).get("/api/v1/users/me"),
                w.as(Actor.ANONYMOUS).get("/api/v1/users/me"),
                w.as(Actor.BUYER).get("/api/v1/admin/notifications"),
                w.as(Actor.BUYER).get("/api/v1/orders/" + UUID.randomUUID()),
                w.as(Actor.ANONYMOUS).body("{").post("/api/v1/auth/login"));
        for (Response answer : answers) {
            answer.then()
                    .header("X-Content-Type-Options", "nosniff")
                    .header("X-Frame-Options", "DENY")
                    .header("Cache-Control", containsString("no-store"))
                    .header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
                    .header("Referrer-Policy", "no-referrer");
            assertThat(answer.header("Server")).isNull();
            assertThat(answer.header("X-Powered-By")).isNull();
            assertThat(answer.header("Strict-Transport-Security"))
                    .as("HSTS over plain HTTP means nothing and is not sent")
                    .isNull();
        }
    }

    @Test
    void strictTransportSecurityIsSentForRequestsThatCameOverTls() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/events");
        request.setSecure(true);
        request.setScheme("https");
        MockHttpServletResponse response = new MockHttpServletResponse();

        securityFilterChain.doFilter(request, response, new MockFilterChain());

        assertThat(response.getHeader("Strict-Transport-Security"))
                .contains("max-age=31536000")
                .contains("includeSubDomains");
    }

    @Test
    void errorsSayWhatWentWrongWithoutStackTracesOrInternalNames() {
        List<Response> errors = List.of(
                w.as(Actor.ANONYMOUS).body("{\"email\": ").post("/api/v1/auth/login"),
                w.as(Actor.ANONYMOUS).body("{\"email\": [1], \"password\": 2}").post("/api/v1/auth/login"),
                w.as(Actor.BUYER).get("/api/v1/orders/not-a-uuid"),
                w.as(Actor.ANONYMOUS).queryParam("starts_from", "yesterday").get("/api/v1/events"),
                w.as(Actor.ADMIN)
                        .body("{\"role\": \"root\"}")
                        .put("/api/v1/admin/users/" + UUID.randomUUID() + "/role"),
                w.as(Actor.PROMOTER)
                        .header("If-Match", "\"not-a-version\"")
                        .body(MatrixWorld.eventJson("x"))
                        .put("/api/v1/events/" + w.event.eventId()),
                w.as(Actor.BUYER)
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .body("{\"items\": [{\"tier_id\": \"" + w.event.tierId() + "\", \"quantity\": 1.5}]}")
                        .post("/api/v1/orders"),
                w.as(Actor.BUYER).delete("/api/v1/users/me"),
                given().port(port).contentType(ContentType.XML).body("<a/>").post("/api/v1/auth/login"),
                given().port(port).get("/error"));
        for (Response error : errors) {
            String body = error.asString();
            assertThat(error.statusCode()).as(body).isBetween(400, 499);
            assertThat(error.contentType()).as(body).startsWith("application/problem+json");
            assertThat(body)
                    .doesNotContain("Exception", "exception", "\tat ", "at org.", "java.", "tools.jackson")
                    .doesNotContain("org.springframework", "org.ticketvendor", "SQL", "trace", "Hikari");
        }
    }

    @Test
    void theErrorPageAskedForDirectlyIsNotFound() {
        given().port(port).get("/error").then().statusCode(404).body("code", equalTo("not_found"));
    }

    @Test
    void onlyHealthInfoAndPrometheusAreExposedAndHealthShowsNoDetails() {
        given().port(port).get("/actuator").then().statusCode(401);
        Map<String, Object> links = w.as(Actor.ADMIN)
                .get("/actuator")
                .then()
                .statusCode(200)
                .extract()
                .path("_links");
        assertThat(links.keySet()).allMatch(name -> List.of("self", "health", "health-path", "info", "prometheus")
                .contains(name));
        for (String hidden : List.of(
                "env",
                "beans",
                "configprops",
                "heapdump",
                "threaddump",
                "loggers",
                "mappings",
                "metrics",
                "conditions",
                "scheduledtasks",
                "caches",
                "startup",
                "sbom",
                "flyway",
                "modulith")) {
            w.as(Actor.ADMIN).get("/actuator/" + hidden).then().statusCode(not(equalTo(200)));
        }
        w.as(Actor.ADMIN).post("/actuator/shutdown").then().statusCode(not(equalTo(200)));
        String health = given().port(port).get("/actuator/health").asString();
        assertThat(health).doesNotContain("components", "details", "database", "postgres", "diskSpace");
    }

    @Test
    void theWebShopsOriginMayCallTheApiAndReadWhatItNeeds() {
        given().port(port)
                .header("Origin", SHOP)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type, idempotency-key")
                .options("/api/v1/orders")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", SHOP)
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsString("idempotency-key"))
                .header("Access-Control-Allow-Credentials", org.hamcrest.Matchers.nullValue());
        w.as(Actor.ANONYMOUS)
                .header("Origin", SHOP)
                .get("/api/v1/events/" + w.event.eventId())
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", SHOP)
                .header("Access-Control-Expose-Headers", containsString("ETag"));
        assertThat(w.as(Actor.ANONYMOUS)
                        .header("Origin", SHOP)
                        .get("/api/v1/events")
                        .headers()
                        .getValues("Vary"))
                .contains("Origin");
    }

    @Test
    void otherOriginsGetNoCorsHeadersAndTheirPreflightsAreRefused() {
        given().port(port)
                .header("Origin", EVIL)
                .header("Access-Control-Request-Method", "POST")
                .options("/api/v1/orders")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
        w.as(Actor.BUYER)
                .header("Origin", EVIL)
                .get("/api/v1/users/me")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue())
                .header("Access-Control-Allow-Credentials", org.hamcrest.Matchers.nullValue());
        // The web shop may not use methods the API does not offer it.
        given().port(port)
                .header("Origin", SHOP)
                .header("Access-Control-Request-Method", "PATCH")
                .options("/api/v1/orders")
                .then()
                .statusCode(403)
                .header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void traceIsNotServed() {
        given().port(port).request("TRACE", "/api/v1/events").then().statusCode(405);
    }
}
