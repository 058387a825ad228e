package org.ticketvendor.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.response.Response;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;
import org.ticketvendor.support.TestAccounts;
import org.ticketvendor.support.TestAccounts.Session;

/** The admin's user list and search. */
@IntegrationTest
class AdminUsersIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    String admin;
    String marker;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        admin = api.adminToken();
        marker = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    @Test
    void findsAccountsByAnyPartOfTheEmailOrNameInAnyLetterCase() {
        String byEmail = register("Ada." + marker + "@Example.test", "Ada Lovelace");
        String byName = register(ApiClient.newEmail(), "Grace " + marker + " Hopper");

        search("q", marker.toUpperCase())
                .then()
                .statusCode(200)
                .body("items.id", containsInAnyOrder(byEmail, byName))
                .body("total_items", equalTo(2));
        search("q", "ADA." + marker).then().body("items.id", contains(byEmail));
        search("q", marker + " hop").then().body("items.id", contains(byName));
        search("q", "  " + marker + "@example  ").then().body("items.id", contains(byEmail));
    }

    @Test
    void searchTextIsTakenLiterallyNotAsAPattern() {
        register("x" + marker + "@example.test", "Pattern Test");
        search("q", marker).then().body("total_items", equalTo(1));
        // '_' and '%' would match the 'x' as LIKE wildcards; taken literally they match nothing.
        search("q", "_" + marker).then().statusCode(200).body("total_items", equalTo(0));
        search("q", "%" + marker).then().statusCode(200).body("total_items", equalTo(0));
        search("q", "\\" + marker).then().statusCode(200).body("total_items", equalTo(0));
    }

    @Test
    void filtersByRoleAndStatusAndPagesNewestFirst() {
        String first = register(ApiClient.newEmail(), "First " + marker);
        String second = register(ApiClient.newEmail(), "Second " + marker);
        String third = register(ApiClient.newEmail(), "Third " + marker);
        api.as(admin)
                .body("""
                        {"role": "staff"}
                        """)
                .put("/api/v1/admin/users/" + second + "/role")
                .then()
                .statusCode(200);
        suspend(third, "Chargebacks").then().statusCode(200);

        api.as(admin)
                .queryParam("q", marker)
                .queryParam("role", "staff")
                .get("/api/v1/admin/users")
                .then()
                .body("items.id", contains(second));
        api.as(admin)
                .queryParam("q", marker)
                .queryParam("status", "suspended")
                .get("/api/v1/admin/users")
                .then()
                .body("items.id", contains(third))
                .body("items[0].suspension_reason", equalTo("Chargebacks"));
        api.as(admin)
                .queryParam("q", marker)
                .queryParam("role", "buyer")
                .queryParam("status", "active")
                .get("/api/v1/admin/users")
                .then()
                .body("items.id", contains(first));

        Response page0 =
                api.as(admin).queryParam("q", marker).queryParam("size", 2).get("/api/v1/admin/users");
        page0.then()
                .statusCode(200)
                .body("items.id", contains(third, second))
                .body("page", equalTo(0))
                .body("size", equalTo(2))
                .body("total_items", equalTo(3))
                .body("total_pages", equalTo(2));
        api.as(admin)
                .queryParam("q", marker)
                .queryParam("size", 2)
                .queryParam("page", 1)
                .get("/api/v1/admin/users")
                .then()
                .body("items.id", contains(first));
    }

    @Test
    void neverShowsPasswordHashes() {
        register(ApiClient.newEmail(), "Hash " + marker);
        String body = search("q", marker).then().statusCode(200).extract().asString();
        assertThat(body).contains(marker).doesNotContain("password").doesNotContain("$2a$");
        String one = api.as(admin)
                .get("/api/v1/admin/users/" + search("q", marker).path("items[0].id"))
                .then()
                .statusCode(200)
                .body("email", notNullValue())
                .body("suspended_at", nullValue())
                .extract()
                .asString();
        assertThat(one).doesNotContain("password").doesNotContain("$2a$");
    }

    @Test
    void refusesFiltersAndPagesItCannotServe() {
        search("role", "emperor")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("invalid_filter"))
                .body("errors.field", hasItem("role"));
        search("status", "deleted").then().statusCode(400).body("errors.field", hasItem("status"));
        search("size", "101").then().statusCode(400).body("errors.field", hasItem("size"));
        search("size", "0").then().statusCode(400);
        search("page", "-1").then().statusCode(400);
        search("page", "10001").then().statusCode(400);
        search("q", "x".repeat(101)).then().statusCode(400).body("errors.field", hasItem("q"));
    }

    @Test
    void theAdminViewOfOneUserShowsTheSuspensionAndThePromoterProfile() {
        Session user = TestAccounts.withRole(api, "buyer");
        api.as(user.accessToken()).body("""
                        {"company_name": "Suspended Shows", "contact_email": "shows@suspended.test"}
                        """).post("/api/v1/promoters").then().statusCode(201);
        suspend(user.id(), "Fake events").then().statusCode(200);
        api.as(admin)
                .get("/api/v1/admin/users/" + user.id())
                .then()
                .statusCode(200)
                .body("status", equalTo("suspended"))
                .body("suspension_reason", equalTo("Fake events"))
                .body("suspended_at", notNullValue())
                .body("last_login_at", notNullValue())
                .body("promoter.company_name", equalTo("Suspended Shows"));
        api.as(admin)
                .post("/api/v1/admin/users/" + user.id() + "/reactivate")
                .then()
                .statusCode(200)
                .body("status", equalTo("active"))
                .body("suspended_at", nullValue())
                .body("suspension_reason", nullValue());
        api.as(admin)
                .get("/api/v1/admin/users")
                .then()
                .statusCode(200)
                .body("page", equalTo(0))
                .body("size", equalTo(20))
                .body("items.size()", org.hamcrest.Matchers.lessThanOrEqualTo(20));
    }

    private Response search(String name, String value) {
        return api.as(admin).queryParam(name, value).get("/api/v1/admin/users");
    }

    private Response suspend(String userId, String reason) {
        return api.as(admin).body("""
                        {"reason": "%s"}
                        """.formatted(reason)).post("/api/v1/admin/users/" + userId + "/suspend");
    }

    private String register(String email, String fullName) {
        return api.anonymous()
                .body("""
                        {"email": "%s", "password": "%s", "full_name": "%s"}
                        """.formatted(email, ApiClient.PASSWORD, fullName))
                .post("/api/v1/auth/register")
                .then()
                .statusCode(201)
                .extract()
                .path("user.id");
    }
}
