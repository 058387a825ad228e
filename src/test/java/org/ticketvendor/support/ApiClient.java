package org.ticketvendor.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;

/** Small helpers for driving the API in tests: accounts, tokens and authenticated requests. */
public final class ApiClient {

    public static final String ADMIN_EMAIL = "root-admin@ticketvendor.test";
    public static final String ADMIN_PASSWORD = "Admin-Pass-For-Tests-9";
    public static final String PASSWORD = "correct horse battery 7";

    private final int port;

    public ApiClient(int port) {
        this.port = port;
    }

    public RequestSpecification anonymous() {
        return given().port(port).contentType(ContentType.JSON).accept("application/json, application/problem+json");
    }

    public RequestSpecification as(String accessToken) {
        return anonymous().header("Authorization", "Bearer " + accessToken);
    }

    /** A unique email for this test run. */
    public static String newEmail() {
        return "user-" + UUID.randomUUID().toString().substring(0, 12) + "@example.test";
    }

    /** Registers a buyer; returns the whole register response. */
    public Response register(String email, String password) {
        return anonymous().body("""
                        {"email": "%s", "password": "%s", "full_name": "Test User"}
                        """.formatted(email, password)).post("/api/v1/auth/register");
    }

    public Response login(String email, String password) {
        return anonymous().body("""
                        {"email": "%s", "password": "%s"}
                        """.formatted(email, password)).post("/api/v1/auth/login");
    }

    public Response refresh(String refreshToken) {
        return anonymous().body("""
                        {"refresh_token": "%s"}
                        """.formatted(refreshToken)).post("/api/v1/auth/refresh");
    }

    /** Registers a fresh buyer and returns its access token. */
    public String newBuyerToken() {
        return register(newEmail(), PASSWORD).then().statusCode(201).extract().path("tokens.access_token");
    }

    public String adminToken() {
        return login(ADMIN_EMAIL, ADMIN_PASSWORD)
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }
}
