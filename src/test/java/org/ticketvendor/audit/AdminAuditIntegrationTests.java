package org.ticketvendor.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;
import org.ticketvendor.support.TestAccounts;
import org.ticketvendor.support.TestAccounts.Session;

/** The admin's audit log: filters, newest first, keyset pages that do not shift. */
@IntegrationTest
class AdminAuditIntegrationTests {

    @LocalServerPort
    int port;

    ApiClient api;
    Session admin;
    Session first;
    Session second;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        // A fresh admin, so filtering by actor yields this test's entries only.
        admin = TestAccounts.withRole(api, "admin");
        first = TestAccounts.withRole(api, "buyer");
        second = TestAccounts.withRole(api, "buyer");
        suspend(first.id());
        reactivate(first.id());
        suspend(second.id());
        changeRole(second.id(), "staff");
    }

    @Test
    void filtersByActorNewestFirstWithWhoDidItAndFromWhere() {
        log("actor", admin.id())
                .then()
                .statusCode(200)
                .body(
                        "items.action",
                        contains(
                                "user.role_changed",
                                "user.suspended",
                                "user.reactivated",
                                "user.suspended",
                                "user.registered"))
                .body("items.entity_id", contains(second.id(), second.id(), first.id(), first.id(), admin.id()))
                .body("items.actor_user_id", everyItem(equalTo(admin.id())))
                // The admin registered as a buyer: their own registration is theirs.
                .body("items.actor_role", contains("admin", "admin", "admin", "admin", null))
                .body("items.request_id", everyItem(notNullValue()))
                .body("items[0].before.role", equalTo("buyer"))
                .body("items[0].after.role", equalTo("staff"))
                .body("items[1].after.reason", equalTo("Audit test"))
                .body("next_cursor", nullValue());
    }

    @Test
    void filtersByEntityActionAndCombinations() {
        log("entity_id", first.id())
                .then()
                .body("items.action", contains("user.reactivated", "user.suspended", "user.registered"));
        api.as(admin.accessToken())
                .queryParam("entity_type", "user")
                .queryParam("entity_id", first.id())
                .queryParam("action", "user.suspended")
                .get("/api/v1/admin/audit")
                .then()
                .body("items.entity_id", contains(first.id()));
        api.as(admin.accessToken())
                .queryParam("entity_type", "event")
                .queryParam("entity_id", first.id())
                .get("/api/v1/admin/audit")
                .then()
                .statusCode(200)
                .body("items", empty());
        api.as(admin.accessToken())
                .queryParam("actor", admin.id())
                .queryParam("action", "user.suspended")
                .get("/api/v1/admin/audit")
                .then()
                .body("items.entity_id", contains(second.id(), first.id()));
        log("entity_type", "user").then().statusCode(200).body("items.entity_type", everyItem(equalTo("user")));
        log("action", "user.registered").then().body("items.action", everyItem(equalTo("user.registered")));
    }

    @Test
    void filtersByTimeRangeFromInclusiveToExclusive() {
        List<String> times = log("actor", admin.id()).path("items.occurred_at");
        // Newest first: [4] is the oldest.
        api.as(admin.accessToken())
                .queryParam("actor", admin.id())
                .queryParam("from", times.get(2))
                .queryParam("to", times.get(0))
                .get("/api/v1/admin/audit")
                .then()
                .statusCode(200)
                .body("items.occurred_at", contains(times.get(1), times.get(2)));
        api.as(admin.accessToken())
                .queryParam("actor", admin.id())
                .queryParam("from", times.get(0))
                .get("/api/v1/admin/audit")
                .then()
                .body("items.occurred_at", contains(times.get(0)));
    }

    @Test
    void pagesWithACursorThatEntriesWrittenMeanwhileDoNotShift() {
        List<Integer> all = log("actor", admin.id()).path("items.id");

        List<Integer> paged = new ArrayList<>();
        Response page = page(null);
        page.then().statusCode(200).body("size", equalTo(3)).body("next_cursor", notNullValue());
        paged.addAll(page.path("items.id"));
        // Newer entries arrive while the client pages through older ones.
        reactivate(second.id());
        page = page(page.path("next_cursor"));
        page.then().statusCode(200).body("next_cursor", nullValue());
        paged.addAll(page.path("items.id"));

        assertThat(paged).containsExactlyElementsOf(all);
        assertThat(page(null).<List<Integer>>path("items.id"))
                .hasSize(3)
                .doesNotContainAnyElementsOf(all.subList(2, 4));
    }

    @Test
    void refusesFiltersAndCursorsItCannotUse() {
        log("cursor", "not-a-cursor")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("validation_failed"))
                .body("errors.field", hasItem("cursor"));
        log("cursor", java.util.Base64.getUrlEncoder().encodeToString("12:-4".getBytes()))
                .then()
                .statusCode(400);
        log("actor", "someone").then().statusCode(400).body("errors.field", hasItem("actor"));
        log("action", "User Suspended").then().statusCode(400).body("errors.field", hasItem("action"));
        log("from", "yesterday").then().statusCode(400).body("errors.field", hasItem("from"));
        log("size", "101").then().statusCode(400).body("errors.field", hasItem("size"));
        log("size", "0").then().statusCode(400);
        log("entity_type", "t".repeat(101)).then().statusCode(400);
        api.as(admin.accessToken())
                .queryParam("from", "2030-01-01T00:00:00Z")
                .queryParam("to", "2030-01-01T00:00:00Z")
                .get("/api/v1/admin/audit")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("to"));
        log("actor", UUID.randomUUID().toString()).then().statusCode(200).body("items", empty());
    }

    private Response page(String cursor) {
        var request =
                api.as(admin.accessToken()).queryParam("actor", admin.id()).queryParam("size", 3);
        if (cursor != null) {
            request.queryParam("cursor", cursor);
        }
        return request.get("/api/v1/admin/audit");
    }

    private Response log(String name, String value) {
        return api.as(admin.accessToken()).queryParam(name, value).get("/api/v1/admin/audit");
    }

    private void suspend(String userId) {
        api.as(admin.accessToken())
                .body("""
                        {"reason": "Audit test"}
                        """)
                .post("/api/v1/admin/users/" + userId + "/suspend")
                .then()
                .statusCode(200);
    }

    private void reactivate(String userId) {
        api.as(admin.accessToken())
                .post("/api/v1/admin/users/" + userId + "/reactivate")
                .then()
                .statusCode(200);
    }

    private void changeRole(String userId, String role) {
        api.as(admin.accessToken())
                .body("""
                        {"role": "%s"}
                        """.formatted(role))
                .put("/api/v1/admin/users/" + userId + "/role")
                .then()
                .statusCode(200);
    }
}
