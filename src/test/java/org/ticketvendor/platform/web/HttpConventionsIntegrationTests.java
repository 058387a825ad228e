package org.ticketvendor.platform.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.http.ContentType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;

/** Every class of bad input gets a problem response with a stable code, never a 500. */
@IntegrationTest
class HttpConventionsIntegrationTests {

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    @Test
    void malformedJsonIsA400() {
        api.anonymous()
                .body("{\"email\": ")
                .post("/api/v1/auth/login")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("malformed_body"))
                .body("request_id", notNullValue());
    }

    @Test
    void anErrorStatusAnsweredWithoutABodyGetsTheProblemOfItsStatus() {
        // The actuator answers an unknown health component with a bare 404.
        api.anonymous()
                .get("/actuator/health/no-such-component")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("request_id", notNullValue());
    }

    @Test
    void aWildcardContentTypeIsA415NotA500() {
        // Found by the fuzz run: the webhook read any body, and Spring refuses to parse "*/*".
        for (String type : new String[] {"*/*", "application/*"}) {
            given().port(port)
                    .header("Content-Type", type)
                    .header("Stripe-Signature", "t=1,v1=00")
                    .body("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .post("/api/v1/payments/webhooks/stripe")
                    .then()
                    .statusCode(415)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void aFormBodyThatIsNoFormIsNeverParsedBeforeTheEndpoint() throws Exception {
        // Spring's form filter used to parse PUT bodies with a form Content-Type first: a 500.
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "http://127.0.0.1:" + port + "/api/v1/events/" + java.util.UUID.randomUUID()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(
                        new byte[] {(byte) 0xff, (byte) 0xd8, '%', 'z', 'z', '=', (byte) 0xc3}))
                .build();
        var response = java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        org.assertj.core.api.Assertions.assertThat(response.statusCode()).isEqualTo(401);
        org.assertj.core.api.Assertions.assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type ->
                        org.assertj.core.api.Assertions.assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void unknownFieldsAreRejectedNotIgnored() {
        api.anonymous()
                .body("""
                        {"email": "a@b.test", "password": "x", "is_admin": true}
                        """)
                .post("/api/v1/auth/login")
                .then()
                .statusCode(400)
                .body("code", equalTo("unknown_field"))
                .body("errors.field", hasItem("is_admin"));
    }

    @Test
    void wrongTypesNameTheField() {
        api.anonymous()
                .body("""
                        {"email": "a@b.test", "password": {"nested": 1}}
                        """)
                .post("/api/v1/auth/login")
                .then()
                .statusCode(400)
                .body("code", equalTo("validation_failed"))
                .body("errors.field", hasItem("password"));
    }

    @Test
    void hugeStringsAreRejectedByValidation() {
        api.anonymous()
                .body("""
                        {"email": "%s@b.test", "password": "x"}
                        """.formatted("a".repeat(5000)))
                .post("/api/v1/auth/login")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("email"));
    }

    @Test
    void oversizedBodiesAreA413() {
        String big = "{\"email\": \"" + "a".repeat(300_000) + "\"}";
        api.anonymous()
                .body(big)
                .post("/api/v1/auth/login")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("code", equalTo("payload_too_large"));
    }

    @Test
    void oversizedChunkedBodiesAreA413Too() {
        byte[] big = ("{\"email\": \"" + "a".repeat(300_000) + "\"}").getBytes();
        given().port(port)
                .contentType(ContentType.JSON)
                .body(new ByteArrayInputStream(big))
                .post("/api/v1/auth/login")
                .then()
                .statusCode(413)
                .body("code", equalTo("payload_too_large"));
    }

    @Test
    void unknownRoutesAreA404Problem() {
        api.as(api.newBuyerToken())
                .get("/api/v1/no-such-thing")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("not_found"));
    }

    @Test
    void wrongMethodsAreA405Problem() {
        api.as(api.newBuyerToken())
                .get("/api/v1/auth/login")
                .then()
                .statusCode(405)
                .contentType("application/problem+json")
                .body("code", equalTo("method_not_allowed"));
    }

    @Test
    void wrongContentTypesAreA415Problem() {
        given().port(port)
                .contentType(ContentType.TEXT)
                .body("email=a")
                .post("/api/v1/auth/login")
                .then()
                .statusCode(415)
                .contentType("application/problem+json")
                .body("code", equalTo("unsupported_media_type"));
    }

    @Test
    void multipartBodiesAreA415ProblemNotAParseFailure() {
        // The API takes JSON only; a multipart body used to be parsed (and fail) before any endpoint was chosen.
        for (String type : new String[] {"multipart/form-data", "multipart/form-data; boundary=xyz"}) {
            given().port(port)
                    .header("Content-Type", type)
                    .body("{\"email\": \"a@b.test\", \"password\": \"x\"}".getBytes(StandardCharsets.UTF_8))
                    .post("/api/v1/auth/login")
                    .then()
                    .statusCode(415)
                    .contentType("application/problem+json")
                    .body("code", equalTo("unsupported_media_type"));
        }
    }

    @Test
    void unacceptableMediaTypesAreA406Problem() {
        String token = api.newBuyerToken();
        for (String accept : new String[] {"image/png", "application/xml", "garbage", "text/html;q=x"}) {
            api.as(token)
                    .accept(accept)
                    .get("/api/v1/users/me")
                    .then()
                    .statusCode(406)
                    .contentType("application/problem+json")
                    .body("code", equalTo("not_acceptable"));
        }
    }

    @Test
    void problemsAreSentAsProblemJsonWhateverTheAcceptHeaderSays() {
        String token = api.newBuyerToken();
        for (String accept : new String[] {"image/png", "application/xml", "garbage"}) {
            api.as(token)
                    .accept(accept)
                    .get("/api/v1/no-such-thing")
                    .then()
                    .statusCode(404)
                    .contentType("application/problem+json")
                    .body("code", equalTo("not_found"));
        }
    }

    @Test
    void nulBytesAndOtherValuesTheDatabaseRefusesAreA400() {
        api.anonymous().body("""
                        {"email": "nul\\u0000@example.test", "password": "whatever password 1"}
                        """).post("/api/v1/auth/login").then().statusCode(org.hamcrest.Matchers.lessThan(500));
        api.anonymous()
                .body("""
                        {"email": "%s", "password": "%s", "full_name": "Nul\\u0000Name"}
                        """.formatted(ApiClient.newEmail(), ApiClient.PASSWORD))
                .post("/api/v1/auth/register")
                .then()
                .statusCode(400);
    }

    @Test
    void emptyBodiesAreA400() {
        api.anonymous().post("/api/v1/auth/login").then().statusCode(400).body("code", equalTo("malformed_body"));
    }

    @Test
    void requestIdsAreEchoedOrCreated() {
        api.anonymous()
                .header("X-Request-Id", "trace-abc.123")
                .get("/actuator/health")
                .then()
                .header("X-Request-Id", "trace-abc.123");
        api.anonymous()
                .header("X-Request-Id", "bad id with spaces and \u00e9")
                .get("/actuator/health")
                .then()
                .header("X-Request-Id", org.hamcrest.Matchers.not(containsString(" ")));
    }

    @Test
    void servesTheOpenApiDocumentAndSwaggerUi() {
        given().port(port)
                .get("/v3/api-docs")
                .then()
                .statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/auth/login"));
        given().port(port)
                .redirects()
                .follow(true)
                .get("/swagger-ui.html")
                .then()
                .statusCode(200);
    }

    @Test
    void theOpenApiDocumentDescribesTheApiAsItIsOnTheWire() {
        given().port(port)
                .get("/v3/api-docs")
                .then()
                .statusCode(200)
                // snake_case, as the API reads and writes them (camelCase bodies are refused as unknown fields)
                .body("components.schemas.ItemRequest.properties", org.hamcrest.Matchers.hasKey("tier_id"))
                .body("components.schemas.ItemRequest.required", hasItem("tier_id"))
                .body("components.schemas.OrderResponse.properties", org.hamcrest.Matchers.hasKey("order_number"))
                .body("components.schemas.EventRequest.type", equalTo("object"))
                // the caller comes from the access token, it is no query parameter
                .body("paths.'/api/v1/orders'.get.parameters.name", org.hamcrest.Matchers.not(hasItem("caller")))
                .body("paths.'/api/v1/orders'.get.parameters.name", hasItem("page"))
                .body("components.schemas", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("CurrentUser")))
                // the container's error page is not an operation of the API
                .body("paths", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("/error")));
    }

    @Test
    void theErrorPageAskedForDirectlyIsNotFound() {
        for (String method : new String[] {"GET", "POST", "DELETE"}) {
            given().port(port)
                    .request(method, "/error")
                    .then()
                    .statusCode(404)
                    .contentType("application/problem+json")
                    .body("code", equalTo("not_found"));
        }
    }

    @Test
    void servesHealthProbesAndMetrics() {
        given().port(port)
                .get("/actuator/health/liveness")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"));
        given().port(port)
                .get("/actuator/health/readiness")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"));
        given().port(port)
                .get("/actuator/prometheus")
                .then()
                .statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }
}
