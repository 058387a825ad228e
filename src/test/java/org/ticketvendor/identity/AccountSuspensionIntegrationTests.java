package org.ticketvendor.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;
import org.ticketvendor.support.TestAccounts;
import org.ticketvendor.support.TestAccounts.Session;

/** Suspending and reactivating accounts, and role changes, take effect on the very next request. */
@IntegrationTest
class AccountSuspensionIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    Session admin;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        admin = TestAccounts.withRole(api, "admin");
    }

    @Test
    void aSuspendedUsersAccessTokenRefreshTokenAndPasswordStopWorkingAtOnce() {
        Session user = TestAccounts.withRole(api, "buyer");
        api.as(user.accessToken()).get("/api/v1/users/me").then().statusCode(200);

        suspend(user.id(), "Reselling tickets at scalper prices")
                .then()
                .statusCode(200)
                .body("status", equalTo("suspended"))
                .body("suspension_reason", equalTo("Reselling tickets at scalper prices"));

        api.as(user.accessToken())
                .get("/api/v1/users/me")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("code", equalTo("invalid_token"));
        api.refresh(user.refreshToken())
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("code", equalTo("invalid_refresh_token"));
        api.login(user.email(), ApiClient.PASSWORD)
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("account_suspended"));

        Map<String, Object> audit = auditRow("user.suspended", user.id());
        assertThat(audit.get("actor_user_id")).isEqualTo(UUID.fromString(admin.id()));
        assertThat(audit.get("actor_role")).isEqualTo("admin");
        assertThat(audit.get("reason")).isEqualTo("Reselling tickets at scalper prices");
        // The registration's login and the later one.
        assertThat(audit.get("revoked")).isEqualTo("2");
        assertThat(jdbc.sql("select count(*) from refresh_tokens where user_id = :id and revoked_at is null")
                        .param("id", UUID.fromString(user.id()))
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void noRequestStartedAfterTheSuspensionAnsweredGetsThrough() throws Exception {
        Session user = TestAccounts.withRole(api, "buyer");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean suspended = new AtomicBoolean();
        List<String> lateSuccesses = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Integer> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread caller = new Thread(() -> {
            while (!stop.get()) {
                boolean after = suspended.get();
                int status = api.as(user.accessToken()).get("/api/v1/users/me").statusCode();
                statuses.add(status);
                if (after && status != 401) {
                    lateSuccesses.add("HTTP " + status);
                }
            }
        });
        caller.start();
        Thread.sleep(300);
        suspend(user.id(), "Testing the race").then().statusCode(200);
        suspended.set(true);
        Thread.sleep(300);
        stop.set(true);
        caller.join(5_000);

        assertThat(statuses).contains(200, 401);
        assertThat(lateSuccesses).isEmpty();
    }

    @Test
    void reactivationLetsTheUserLogInAgainButOldTokensStayRevoked() {
        Session user = TestAccounts.withRole(api, "buyer");
        suspend(user.id(), "Mistaken identity").then().statusCode(200);

        api.as(admin.accessToken())
                .post("/api/v1/admin/users/" + user.id() + "/reactivate")
                .then()
                .statusCode(200)
                .body("status", equalTo("active"));

        api.as(user.accessToken()).get("/api/v1/users/me").then().statusCode(401);
        api.refresh(user.refreshToken()).then().statusCode(401);
        String fresh = api.login(user.email(), ApiClient.PASSWORD)
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
        api.as(fresh).get("/api/v1/users/me").then().statusCode(200).body("status", equalTo("active"));

        Map<String, Object> audit = auditRow("user.reactivated", user.id());
        assertThat(audit.get("actor_user_id")).isEqualTo(UUID.fromString(admin.id()));
        assertThat(audit.get("before_status")).isEqualTo("suspended");
        assertThat(audit.get("after_status")).isEqualTo("active");
    }

    @Test
    void suspendingOrReactivatingTwiceChangesNothingMore() {
        Session user = TestAccounts.withRole(api, "buyer");
        suspend(user.id(), "First reason").then().statusCode(200);
        suspend(user.id(), "Second reason").then().statusCode(200).body("suspension_reason", equalTo("First reason"));
        api.as(admin.accessToken())
                .post("/api/v1/admin/users/" + user.id() + "/reactivate")
                .then()
                .statusCode(200);
        api.as(admin.accessToken())
                .post("/api/v1/admin/users/" + user.id() + "/reactivate")
                .then()
                .statusCode(200);
        assertThat(auditCount("user.suspended", user.id())).isEqualTo(1);
        assertThat(auditCount("user.reactivated", user.id())).isEqualTo(1);
    }

    @Test
    void aSuspendedAdminLosesAdminAccessAtOnce() {
        Session other = TestAccounts.withRole(api, "admin");
        api.as(other.accessToken())
                .get("/api/v1/admin/users/" + admin.id())
                .then()
                .statusCode(200);
        suspend(other.id(), "Left the company").then().statusCode(200);
        api.as(other.accessToken())
                .get("/api/v1/admin/users/" + admin.id())
                .then()
                .statusCode(401)
                .body("code", equalTo("invalid_token"));
    }

    @Test
    void anAdminCannotSuspendThemself() {
        suspend(admin.id(), "Oops")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("own_account"));
        api.as(admin.accessToken())
                .get("/api/v1/admin/users/" + admin.id())
                .then()
                .statusCode(200);
    }

    @Test
    void refusesUnknownUsersAndMissingReasons() {
        suspend(UUID.randomUUID().toString(), "Nobody").then().statusCode(404).body("code", equalTo("user_not_found"));
        api.as(admin.accessToken())
                .post("/api/v1/admin/users/" + UUID.randomUUID() + "/reactivate")
                .then()
                .statusCode(404)
                .body("code", equalTo("user_not_found"));
        Session user = TestAccounts.withRole(api, "buyer");
        suspend(user.id(), "  ").then().statusCode(400).body("errors.field", hasItem("reason"));
        suspend(user.id(), "x".repeat(501)).then().statusCode(400).body("errors.field", hasItem("reason"));
        api.as(admin.accessToken())
                .body("{}")
                .post("/api/v1/admin/users/" + user.id() + "/suspend")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("reason"));
        api.as(admin.accessToken())
                .body("""
                        {"reason": "ok", "until": "tomorrow"}
                        """)
                .post("/api/v1/admin/users/" + user.id() + "/suspend")
                .then()
                .statusCode(400);
        api.as(user.accessToken())
                .get("/api/v1/users/me")
                .then()
                .statusCode(200)
                .body("status", equalTo("active"));
    }

    @Test
    void aRoleChangeRevokesTheOldTokenAndIsAudited() {
        Session staff = TestAccounts.withRole(api, "staff");
        api.as(admin.accessToken())
                .body("""
                        {"role": "buyer"}
                        """)
                .put("/api/v1/admin/users/" + staff.id() + "/role")
                .then()
                .statusCode(200)
                .body("role", equalTo("buyer"));

        api.as(staff.accessToken()).get("/api/v1/users/me").then().statusCode(401);
        String renewed = api.refresh(staff.refreshToken())
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
        api.as(renewed).get("/api/v1/users/me").then().statusCode(200).body("role", equalTo("buyer"));

        Map<String, Object> audit =
                jdbc.sql("""
                        select actor_user_id, actor_role, before->>'role' as before_role, after->>'role' as after_role
                        from audit_log where action = 'user.role_changed' and entity_id = :id
                        order by id desc limit 1
                        """).param("id", staff.id()).query().singleRow();
        assertThat(audit.get("actor_user_id")).isEqualTo(UUID.fromString(admin.id()));
        assertThat(audit.get("actor_role")).isEqualTo("admin");
        assertThat(audit.get("before_role")).isEqualTo("staff");
        assertThat(audit.get("after_role")).isEqualTo("buyer");
    }

    @Test
    void becomingAPromoterKeepsTheBuyerTokenWorking() {
        Session user = TestAccounts.withRole(api, "buyer");
        api.as(user.accessToken()).body("""
                        {"company_name": "Self Service Shows", "contact_email": "hi@self.test"}
                        """).post("/api/v1/promoters").then().statusCode(201);
        // An upgrade the user asked for revokes nothing; the token says buyer until refreshed.
        api.as(user.accessToken())
                .get("/api/v1/users/me")
                .then()
                .statusCode(200)
                .body("role", equalTo("promoter"));
    }

    private Response suspend(String userId, String reason) {
        return api.as(admin.accessToken())
                .body("""
                        {"reason": "%s"}
                        """.formatted(reason))
                .post("/api/v1/admin/users/" + userId + "/suspend");
    }

    private Map<String, Object> auditRow(String action, String userId) {
        return jdbc.sql("""
                        select actor_user_id, actor_role, after->>'reason' as reason,
                               after->>'revoked_refresh_tokens' as revoked,
                               before->>'status' as before_status, after->>'status' as after_status
                        from audit_log where action = :action and entity_id = :id
                        """).param("action", action).param("id", userId).query().singleRow();
    }

    private long auditCount(String action, String userId) {
        return jdbc.sql("select count(*) from audit_log where action = :action and entity_id = :id")
                .param("action", action)
                .param("id", userId)
                .query(Long.class)
                .single();
    }
}
