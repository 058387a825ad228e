package org.ticketvendor.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;

@IntegrationTest
class PromoterAndRoleIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    @Test
    void aBuyerBecomesAPromoterAndGetsThePromoterRoleOnRefresh() {
        Response registered = api.register(ApiClient.newEmail(), ApiClient.PASSWORD);
        String access = registered.path("tokens.access_token");
        String refresh = registered.path("tokens.refresh_token");

        api.as(access)
                .body("""
                        {"company_name": "Night Owl Events", "contact_email": "hello@nightowl.test",
                         "website": "https://nightowl.test", "stripe_account_id": "acct_123ABC"}
                        """)
                .post("/api/v1/promoters")
                .then()
                .statusCode(201)
                .body("company_name", equalTo("Night Owl Events"))
                .body("status", equalTo("active"));

        String promoterAccess = api.refresh(refresh).path("access_token");
        api.as(promoterAccess)
                .get("/api/v1/users/me")
                .then()
                .statusCode(200)
                .body("role", equalTo("promoter"))
                .body("promoter.company_name", equalTo("Night Owl Events"));
        api.as(promoterAccess)
                .body("""
                        {"company_name": "Night Owl Live", "contact_email": "hello@nightowl.test"}
                        """)
                .put("/api/v1/promoters/me")
                .then()
                .statusCode(200)
                .body("company_name", equalTo("Night Owl Live"));
        api.as(promoterAccess)
                .body("""
                        {"company_name": "Twice", "contact_email": "hello@nightowl.test"}
                        """)
                .post("/api/v1/promoters")
                .then()
                .statusCode(409)
                .body("code", equalTo("promoter_exists"));
    }

    @Test
    void rejectsInvalidPromoterDetailsPerField() {
        api.as(api.newBuyerToken())
                .body("""
                        {"company_name": "", "contact_email": "nope", "stripe_account_id": "bank-123"}
                        """)
                .post("/api/v1/promoters")
                .then()
                .statusCode(400)
                .body(
                        "errors.field",
                        org.hamcrest.Matchers.hasItems("company_name", "contact_email", "stripe_account_id"));
    }

    @Test
    void anAdminChangesARoleAndTheChangeIsAudited() {
        Response registered = api.register(ApiClient.newEmail(), ApiClient.PASSWORD);
        String userId = registered.path("user.id");
        String admin = api.adminToken();

        api.as(admin)
                .body("""
                        {"role": "staff"}
                        """)
                .put("/api/v1/admin/users/" + userId + "/role")
                .then()
                .statusCode(200)
                .body("role", equalTo("staff"));

        var row = jdbc.sql("""
                        select actor_role, before->>'role' as before_role, after->>'role' as after_role, request_id
                        from audit_log where action = 'user.role_changed' and entity_id = :id
                        """).param("id", userId).query().singleRow();
        assertThat(row.get("actor_role")).isEqualTo("admin");
        assertThat(row.get("before_role")).isEqualTo("buyer");
        assertThat(row.get("after_role")).isEqualTo("staff");
        assertThat(row.get("request_id")).isNotNull();
    }

    @Test
    void rejectsUnknownRolesAndUnknownUsers() {
        String admin = api.adminToken();
        String userId = api.register(ApiClient.newEmail(), ApiClient.PASSWORD).path("user.id");
        api.as(admin)
                .body("""
                        {"role": "emperor"}
                        """)
                .put("/api/v1/admin/users/" + userId + "/role")
                .then()
                .statusCode(400);
        api.as(admin)
                .body("""
                        {"role": "staff"}
                        """)
                .put("/api/v1/admin/users/" + java.util.UUID.randomUUID() + "/role")
                .then()
                .statusCode(404)
                .body("code", equalTo("user_not_found"));
        api.as(admin)
                .body("""
                        {"role": "staff"}
                        """)
                .put("/api/v1/admin/users/not-a-uuid/role")
                .then()
                .statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItem("id"));
    }

    @Test
    void theConfiguredAdminExists() {
        api.login(ApiClient.ADMIN_EMAIL, ApiClient.ADMIN_PASSWORD).then().statusCode(200);
    }
}
