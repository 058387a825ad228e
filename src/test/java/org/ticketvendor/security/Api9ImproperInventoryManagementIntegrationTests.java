package org.ticketvendor.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;

/**
 * OWASP API9:2023 Improper Inventory Management: the application serves one version of the API,
 * {@code /api/v1}, plus a short, known list of platform paths; and its OpenAPI document describes
 * exactly the endpoints it serves, no more (forgotten documentation) and no fewer (shadow endpoints).
 * Which operational endpoints are reachable is API8's; that the test-mode checkout is closed when
 * real payments are configured is API10's.
 */
@IntegrationTest
class Api9ImproperInventoryManagementIntegrationTests {

    /** Everything the application maps outside the API: the error page, the OpenAPI document and its UI. */
    private static final Set<String> PLATFORM = Set.of(
            "ANY /error",
            "GET /v3/api-docs",
            "GET /v3/api-docs.yaml",
            "GET /v3/api-docs/swagger-config",
            "GET /swagger-ui.html");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void everyMappedEndpointIsUnderApiV1OrAKnownPlatformPath() {
        Set<String> outside = new TreeSet<>();
        for (String endpoint : ApiInventory.mappedEndpoints(context)) {
            if (!endpoint.substring(endpoint.indexOf(' ') + 1).startsWith("/api/v1/")) {
                outside.add(endpoint);
            }
        }
        assertThat(outside).isSubsetOf(PLATFORM).contains("ANY /error", "GET /v3/api-docs");
    }

    @Test
    void theOpenApiDocumentDescribesExactlyTheEndpointsTheApplicationServes() {
        Map<String, Map<String, Object>> paths = given().port(port)
                .get("/v3/api-docs")
                .then()
                .statusCode(200)
                .extract()
                .path("paths");
        Set<String> documented = new TreeSet<>();
        paths.forEach((path, operations) -> operations.keySet().forEach(method -> {
            if (List.of("get", "post", "put", "delete", "patch").contains(method)) {
                documented.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path);
            }
        }));

        assertThat(documented).isEqualTo(ApiInventory.apiEndpoints(context));
    }

    @Test
    void noOtherVersionOrUnversionedCopyOfTheApiAnswers() {
        String token = new ApiClient(port).newBuyerToken();
        for (String path : List.of(
                "/api/v2/events",
                "/api/v0/events",
                "/api/events",
                "/events",
                "/api/v1.1/events",
                "/api/internal/events",
                "/api/v1/debug",
                "/api/v1/internal/users")) {
            given().port(port)
                    .header("Authorization", "Bearer " + token)
                    .get(path)
                    .then()
                    .statusCode(404);
        }
    }
}
