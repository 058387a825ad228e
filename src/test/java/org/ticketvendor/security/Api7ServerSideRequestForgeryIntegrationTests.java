package org.ticketvendor.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.restassured.response.Response;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.ticketvendor.security.MatrixWorld.Account;
import org.ticketvendor.support.IntegrationTest;
import org.ticketvendor.waitlist.WaitlistOffers;

/**
 * OWASP API7:2023 Server Side Request Forgery. The API takes URLs in two places, an event's
 * {@code image_url} and a promoter's {@code website}; it stores them for clients to show and never
 * fetches them itself (no thumbnails, no link previews). A local HTTP server stands in for an
 * internal service and records whether anything called it while the URLs went through every flow
 * that shows them. Only http(s) URLs are stored. An uploaded event image is the image's bytes, never
 * a URL the API would fetch; it is served from our own storage and does not replace {@code image_url}.
 */
@IntegrationTest
class Api7ServerSideRequestForgeryIntegrationTests {

    static final WireMockServer internal =
            new WireMockServer(WireMockConfiguration.options().dynamicPort());

    private static final List<String> NOT_HTTP = List.of(
            "file:///etc/passwd",
            "gopher://127.0.0.1:6379/_FLUSHALL",
            "javascript:alert(1)",
            "data:image/png;base64,iVBORw0KGgo=",
            "ftp://files.example.test/poster.png",
            "jar:http://files.example.test/a.jar!/poster.png",
            "//files.example.test/poster.png",
            "http://exa mple.test/poster.png",
            "http://\n127.0.0.1/",
            "https:/poster.png");

    @LocalServerPort
    int port;

    @Autowired
    WaitlistOffers offers;

    MatrixWorld w;

    @BeforeAll
    static void startInternalService() {
        internal.start();
    }

    @AfterAll
    static void stopInternalService() {
        internal.stop();
    }

    @BeforeEach
    void setUp() {
        w = MatrixWorld.of(port, offers);
        internal.resetRequests();
    }

    @Test
    void urlsThatTheApiStoresAreNeverFetchedByIt() {
        String image = internal.baseUrl() + "/latest/meta-data/iam/" + UUID.randomUUID();
        String website = internal.baseUrl() + "/admin";
        Account promoter = w.newAccount(Actor.BUYER);
        w.api.as(promoter.token())
                .body("""
                        {"company_name": "Probe Ltd", "contact_email": "probe@example.test", "website": "%s"}
                        """.formatted(website))
                .post("/api/v1/promoters")
                .then()
                .statusCode(201)
                .body("website", equalTo(website));
        String eventId = w.as(Actor.PROMOTER)
                .body(MatrixWorld.eventJson("Probe").replaceFirst("\\{", "{\"image_url\": \"" + image + "\", "))
                .post("/api/v1/events")
                .then()
                .statusCode(201)
                .body("image_url", equalTo(image))
                .extract()
                .path("id");
        String tierId = w.as(Actor.PROMOTER)
                .body(MatrixWorld.tierJson(5))
                .post("/api/v1/events/" + eventId + "/tiers")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        w.as(Actor.PROMOTER)
                .post("/api/v1/events/" + eventId + "/publish")
                .then()
                .statusCode(200);
        MatrixWorld.Order order =
                w.newPaidOrder(new MatrixWorld.Sale(UUID.fromString(eventId), UUID.fromString(tierId)), 1);

        // Every view of the event, and the confirmation mail rendered for the admin's view.
        w.as(Actor.ANONYMOUS).get("/api/v1/events/" + eventId).then().body("image_url", equalTo(image));
        w.as(Actor.ANONYMOUS)
                .queryParam("q", "Probe")
                .get("/api/v1/events")
                .then()
                .statusCode(200);
        w.as(Actor.PROMOTER).get("/api/v1/promoter/events").then().statusCode(200);
        w.as(Actor.BUYER).get("/api/v1/orders/" + order.id()).then().statusCode(200);
        String mail = w.as(Actor.ADMIN)
                .queryParam("recipient", w.actor(Actor.BUYER).email())
                .queryParam("template", "order-confirmation")
                .get("/api/v1/admin/notifications")
                .path("items[0].id");
        w.as(Actor.ADMIN).get("/api/v1/admin/notifications/" + mail).then().statusCode(200);
        w.api.as(promoter.token()).get("/api/v1/users/me").then().body("promoter.website", equalTo(website));

        assertThat(internal.getAllServeEvents()).isEmpty();
    }

    @Test
    void anImageUploadIsTheImageItselfNeverAUrlToFetch() {
        String image = internal.baseUrl() + "/poster.png";
        String eventId = w.as(Actor.PROMOTER)
                .body(MatrixWorld.eventJson("Upload Probe").replaceFirst("\\{", "{\"image_url\": \"" + image + "\", "))
                .post("/api/v1/events")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        for (String type : List.of("image/png", "application/octet-stream")) {
            w.as(Actor.PROMOTER)
                    .contentType(type)
                    .body(image.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .put("/api/v1/promoter/events/" + eventId + "/image")
                    .then()
                    .statusCode(415)
                    .body("code", equalTo("unsupported_image_type"));
        }
        w.uploadImage(UUID.fromString(eventId));

        w.as(Actor.PROMOTER)
                .get("/api/v1/events/" + eventId)
                .then()
                .body("image_url", equalTo(image))
                .body("image.url", startsWith("/api/v1/events/" + eventId + "/image?v="));
        w.as(Actor.PROMOTER)
                .accept("image/*")
                .get("/api/v1/events/" + eventId + "/image")
                .then()
                .statusCode(200)
                .contentType("image/png");
        assertThat(internal.getAllServeEvents()).isEmpty();
    }

    @Test
    void onlyHttpAndHttpsUrlsAreAccepted() {
        for (String url : NOT_HTTP) {
            String json = "\"" + url.replace("\n", "\\n") + "\"";
            Response event = w.as(Actor.PROMOTER)
                    .body(MatrixWorld.eventJson("Scheme")
                            .replaceFirst("\\{", Matcher.quoteReplacement("{\"image_url\": " + json + ", ")))
                    .post("/api/v1/events");
            assertThat(event.statusCode()).as(url).isEqualTo(400);
            assertThat(event.<List<String>>path("errors.field")).as(url).contains("image_url");
            w.as(Actor.PROMOTER)
                    .body("""
                            {"company_name": "Scheme Ltd", "contact_email": "desk@matrix.test", "website": %s}
                            """.formatted(json))
                    .put("/api/v1/promoters/me")
                    .then()
                    .statusCode(400)
                    .body("errors.field", hasItem("website"));
        }
    }
}
