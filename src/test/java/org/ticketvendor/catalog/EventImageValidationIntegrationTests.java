package org.ticketvendor.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;
import org.ticketvendor.support.TestImages;

/**
 * What an image upload must be: a PNG, JPEG or WebP by its content (whatever the Content-Type says),
 * decodable, within the pixel and byte limits; and what is stored of it: the pixels, re-encoded, without
 * metadata or anything appended. Every refusal is a problem and stores nothing.
 */
@IntegrationTest
class EventImageValidationIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    ImageApi images;
    String promoter;
    String eventId;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        CatalogApi catalogApi = new CatalogApi(api, jdbc);
        images = new ImageApi(port);
        promoter = catalogApi.newPromoterToken("Validation Events");
        eventId = catalogApi.createEvent(promoter, "Validated Poster").path("id");
    }

    @Test
    void aPngSentAsAJpegIsStoredAndServedAsThePngItIs() {
        images.upload(promoter, eventId, TestImages.png(30, 20), "image/jpeg")
                .then()
                .statusCode(200)
                .body("content_type", equalTo("image/png"));
        images.get(promoter, eventId).then().statusCode(200).contentType("image/png");

        images.upload(promoter, eventId, TestImages.jpeg(30, 20), "application/octet-stream")
                .then()
                .statusCode(200)
                .body("content_type", equalTo("image/jpeg"));
    }

    @Test
    void textClaimingToBeAPngIsRefusedAsUnsupported() {
        byte[] text = "<svg onload=alert(1)>not an image</svg>".getBytes(StandardCharsets.UTF_8);
        images.upload(promoter, eventId, text, "image/png")
                .then()
                .statusCode(415)
                .contentType("application/problem+json")
                .body("code", equalTo("unsupported_image_type"));
        images.upload(promoter, eventId, TestImages.gif(8, 8), "image/png")
                .then()
                .statusCode(415)
                .body("code", equalTo("unsupported_image_type"));
        assertNothingStored();
    }

    @Test
    void aTruncatedImageIsUnprocessable() {
        byte[] png = TestImages.png(200, 200);
        images.upload(promoter, eventId, Arrays.copyOf(png, png.length / 2), "image/png")
                .then()
                .statusCode(422)
                .body("code", equalTo("image_unreadable"));
        byte[] jpeg = TestImages.jpeg(200, 200);
        images.upload(promoter, eventId, Arrays.copyOf(jpeg, 40), "image/jpeg")
                .then()
                .statusCode(422)
                .body("code", equalTo("image_unreadable"));
        assertNothingStored();
    }

    @Test
    void hugeDimensionsAreRefusedFromTheHeaderWithoutDecoding() {
        // 100,000 x 100,000 pixels would take 30 GB to decode; the header alone refuses it.
        byte[] bomb = TestImages.pngClaiming(100_000, 100_000);
        assertThat(bomb.length).isLessThan(200);
        images.upload(promoter, eventId, bomb, "image/png")
                .then()
                .statusCode(422)
                .body("code", equalTo("image_too_large"))
                .body("detail", equalTo("The image is 100000x100000 pixels; at most 4096x4096 are accepted."));
        images.upload(promoter, eventId, TestImages.pngClaiming(4097, 1), "image/png")
                .then()
                .statusCode(422)
                .body("code", equalTo("image_too_large"));
        assertNothingStored();
    }

    @Test
    void bodiesOverTheUploadLimitAreA413DeclaredOrChunked() {
        byte[] big = Arrays.copyOf(TestImages.png(10, 10), 1024 * 1024 + 1);
        images.upload(promoter, eventId, big, "image/png")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("code", equalTo("payload_too_large"));
        given().port(port)
                .header("Authorization", "Bearer " + promoter)
                .contentType("image/png")
                .body(new ByteArrayInputStream(big))
                .put("/api/v1/promoter/events/" + eventId + "/image")
                .then()
                .statusCode(413)
                .body("code", equalTo("payload_too_large"));
        // Larger than a JSON body may be, within the image limit: accepted.
        byte[] large = TestImages.noisyPng(400, 400);
        assertThat(large.length).isGreaterThan(256 * 1024);
        images.upload(promoter, eventId, large, "image/png").then().statusCode(200);
        // The larger limit is for image uploads only.
        api.as(promoter)
                .body("{\"title\": \"" + "x".repeat(300_000) + "\"}")
                .put("/api/v1/events/" + eventId)
                .then()
                .statusCode(413);
    }

    @Test
    void metadataAndAnythingAppendedAreStripped() {
        String secret = "GPS 48.8584N 2.2945E owner@example.test";
        byte[] png = TestImages.pngWithHiddenText(50, 50, secret);
        assertThat(TestImages.decode(png).getWidth()).isEqualTo(50);
        images.upload(promoter, eventId, png, "image/png").then().statusCode(200);
        byte[] stored = images.get(promoter, eventId).asByteArray();
        assertThat(TestImages.contains(stored, secret)).isFalse();
        assertThat(TestImages.decode(stored).getWidth()).isEqualTo(50);

        byte[] jpeg = TestImages.jpegWithHiddenText(50, 40, secret);
        images.upload(promoter, eventId, jpeg, "image/jpeg").then().statusCode(200);
        stored = images.get(promoter, eventId).asByteArray();
        assertThat(TestImages.contains(stored, secret)).isFalse();
        assertThat(TestImages.contains(stored, "Exif")).isFalse();
        assertThat(TestImages.decode(stored).getHeight()).isEqualTo(40);
    }

    @Test
    void webpIsStoredAsJpegOrAsPngWhenTransparent() {
        images.upload(promoter, eventId, TestImages.WEBP_LOSSY, "image/webp")
                .then()
                .statusCode(200)
                .body("content_type", equalTo("image/jpeg"))
                .body("width", equalTo(1));
        images.upload(promoter, eventId, TestImages.WEBP_ALPHA, "image/webp")
                .then()
                .statusCode(200)
                .body("content_type", equalTo("image/png"));
        assertThat(TestImages.decode(images.get(promoter, eventId).asByteArray())
                        .getColorModel()
                        .hasAlpha())
                .isTrue();
    }

    @Test
    void otherContentTypesEmptyBodiesAndMultipartAreRefused() {
        images.upload(promoter, eventId, TestImages.png(5, 5), "image/gif")
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
        Response multipart = given().port(port)
                .header("Authorization", "Bearer " + promoter)
                .multiPart("file", "poster.png", TestImages.png(5, 5), "image/png")
                .put("/api/v1/promoter/events/" + eventId + "/image");
        assertThat(multipart.statusCode()).isEqualTo(415);
        images.upload(promoter, eventId, new byte[0], "image/png").then().statusCode(400);
        assertNothingStored();
    }

    private void assertNothingStored() {
        assertThat(ImageApi.storedFiles(eventId)).isEmpty();
        api.as(promoter).get("/api/v1/events/" + eventId).then().body("image", equalTo(null));
    }
}
