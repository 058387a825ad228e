package org.ticketvendor.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.response.Response;
import java.awt.image.BufferedImage;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;
import org.ticketvendor.support.TestImages;

/** Event images over HTTP: upload, serving with caching, replacing, removing, who may do what. */
@IntegrationTest
class EventImageIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    CatalogApi catalogApi;
    ImageApi images;
    String promoter;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        catalogApi = new CatalogApi(api, jdbc);
        images = new ImageApi(port);
        promoter = catalogApi.newPromoterToken("Image Events");
    }

    @Test
    void theOwnerUploadsAnImageAndAnyoneGetsItWithCachingHeaders() throws Exception {
        String id = publishedEvent("Poster Night");
        byte[] png = TestImages.png(640, 360);

        Response uploaded = images.upload(promoter, id, png, "image/png");
        uploaded.then()
                .statusCode(200)
                .body("content_type", equalTo("image/png"))
                .body("width", equalTo(640))
                .body("height", equalTo(360))
                .body("url", startsWith("/api/v1/events/" + id + "/image?v="));
        String etag = uploaded.header("ETag");

        Response event = api.anonymous().get("/api/v1/events/" + id);
        event.then()
                .statusCode(200)
                .body("image.url", equalTo(uploaded.path("url")))
                .body("image.size_bytes", equalTo(uploaded.path("size_bytes")))
                .body("image_url", nullValue());

        Response served = images.get(null, id);
        served.then()
                .statusCode(200)
                .contentType("image/png")
                .header("ETag", equalTo(etag))
                .header("Cache-Control", equalTo("max-age=300, public"));
        byte[] bytes = served.asByteArray();
        assertThat(etag).isEqualTo("\"" + sha256(bytes) + "\"");
        BufferedImage image = TestImages.decode(bytes);
        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(image.getHeight()).isEqualTo(360);
        // The URL in the event's JSON works as given (its v parameter only busts caches), and so does the slug.
        images.reader(null).get(uploaded.<String>path("url")).then().statusCode(200);
        images.get(null, event.path("slug")).then().statusCode(200).header("ETag", equalTo(etag));
        images.get(api.newBuyerToken(), id).then().statusCode(200);
    }

    @Test
    void aMatchingIfNoneMatchGetsA304WithoutTheImage() {
        String id = publishedEvent("Revalidation");
        String etag =
                images.upload(promoter, id, TestImages.png(32, 32), "image/png").header("ETag");

        for (String ifNoneMatch : List.of(etag, "W/" + etag, "\"other\", " + etag, "*")) {
            Response notModified =
                    images.reader(null).header("If-None-Match", ifNoneMatch).get("/api/v1/events/" + id + "/image");
            notModified
                    .then()
                    .statusCode(304)
                    .header("ETag", equalTo(etag))
                    .header("Cache-Control", equalTo("max-age=300, public"));
            assertThat(notModified.asByteArray()).as(ifNoneMatch).isEmpty();
        }
        images.reader(null)
                .header("If-None-Match", "\"" + "0".repeat(64) + "\"")
                .get("/api/v1/events/" + id + "/image")
                .then()
                .statusCode(200);
    }

    @Test
    void anUnpublishedEventsImageIsForItsOwnerAndAdminsOnlyAndNeverPubliclyCached() {
        String id = catalogApi.createEvent(promoter, "Draft Poster").path("id");
        images.upload(promoter, id, TestImages.png(20, 10), "image/png").then().statusCode(200);

        images.get(promoter, id).then().statusCode(200).header("Cache-Control", equalTo("no-cache, private"));
        images.get(api.adminToken(), id).then().statusCode(200);
        images.get(null, id).then().statusCode(404).body("code", equalTo("event_not_found"));
        images.get(api.newBuyerToken(), id).then().statusCode(404);
        images.get(catalogApi.newPromoterToken("Rival"), id).then().statusCode(404);

        String published = publishedEvent("Later Unpublished");
        images.upload(promoter, published, TestImages.png(20, 10), "image/png");
        images.get(null, published).then().statusCode(200);
        api.as(promoter)
                .post("/api/v1/events/" + published + "/unpublish")
                .then()
                .statusCode(200);
        images.get(null, published).then().statusCode(404);
    }

    @Test
    void onlyTheOwnerAndAdminsMayUploadOrRemove() {
        String id = publishedEvent("Guarded Poster");
        byte[] png = TestImages.png(16, 16);

        images.upload(null, id, png, "image/png").then().statusCode(401);
        images.upload(api.newBuyerToken(), id, png, "image/png").then().statusCode(403);
        images.upload(catalogApi.newPromoterToken("Rival"), id, png, "image/png")
                .then()
                .statusCode(404)
                .body("code", equalTo("event_not_found"));
        assertThat(ImageApi.storedFiles(id)).isEmpty();
        images.get(null, id).then().statusCode(404).body("code", equalTo("event_image_not_found"));

        images.upload(api.adminToken(), id, png, "image/png").then().statusCode(200);
        images.remove(api.newBuyerToken(), id).then().statusCode(403);
        images.remove(catalogApi.newPromoterToken("Rival"), id).then().statusCode(404);
        images.get(null, id).then().statusCode(200);
        images.remove(api.adminToken(), id).then().statusCode(204);
    }

    @Test
    void aNewUploadReplacesTheImageAndRemovingItDeletesTheFile() {
        String id = publishedEvent("Replaced Poster");
        long version = api.anonymous().get("/api/v1/events/" + id).<Integer>path("version");

        Response first = images.upload(promoter, id, TestImages.png(40, 40), "image/png");
        first.then().statusCode(200);
        Response second = images.upload(promoter, id, TestImages.jpeg(80, 60), "image/jpeg");
        second.then().statusCode(200).body("content_type", equalTo("image/jpeg"));
        assertThat(second.header("ETag")).isNotEqualTo(first.header("ETag"));
        assertThat(second.<String>path("url")).isNotEqualTo(first.path("url"));
        assertThat(ImageApi.storedFiles(id)).hasSize(1);
        images.get(null, id)
                .then()
                .statusCode(200)
                .contentType("image/jpeg")
                .header("ETag", equalTo(second.header("ETag")));

        // Each change is a new version of the event: an edit based on the old ETag is refused.
        Response event = api.anonymous().get("/api/v1/events/" + id);
        assertThat(event.<Integer>path("version")).isEqualTo(version + 2);
        api.as(promoter)
                .header("If-Match", "\"" + version + "\"")
                .body(CatalogApi.eventJson("Stale Edit"))
                .put("/api/v1/events/" + id)
                .then()
                .statusCode(412);

        images.remove(promoter, id).then().statusCode(204);
        assertThat(ImageApi.storedFiles(id)).isEmpty();
        images.get(null, id).then().statusCode(404).body("code", equalTo("event_image_not_found"));
        api.anonymous().get("/api/v1/events/" + id).then().body("image", nullValue());
        images.remove(promoter, id).then().statusCode(404).body("code", equalTo("event_image_not_found"));

        assertThat(catalogApi.auditActions(id))
                .containsSubsequence("event.image_uploaded", "event.image_uploaded", "event.image_removed");
        String after = jdbc.sql("""
                        select after::text from audit_log
                        where entity_id = :id and action = 'event.image_uploaded' order by id desc limit 1
                        """).param("id", id).query(String.class).single();
        assertThat(after).contains("image/jpeg").contains("\"width\": 80");
    }

    @Test
    void aCancelledEventsImageCanNoLongerBeChanged() {
        String id = publishedEvent("Called Off");
        images.upload(promoter, id, TestImages.png(10, 10), "image/png").then().statusCode(200);
        api.as(promoter).post("/api/v1/events/" + id + "/cancel").then().statusCode(200);

        images.upload(promoter, id, TestImages.png(12, 12), "image/png")
                .then()
                .statusCode(409)
                .body("code", equalTo("event_not_editable"));
        images.remove(promoter, id).then().statusCode(409);
    }

    private String publishedEvent(String title) {
        String id = catalogApi.createEvent(promoter, title).path("id");
        catalogApi.createTier(promoter, id, "General", 2500, 50).then().statusCode(201);
        api.as(promoter).post("/api/v1/events/" + id + "/publish").then().statusCode(200);
        return id;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
