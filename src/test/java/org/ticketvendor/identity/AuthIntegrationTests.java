package org.ticketvendor.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;

@IntegrationTest
class AuthIntegrationTests {

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
    void registersABuyerAndReturnsTokensThatWork() {
        String email = ApiClient.newEmail();
        Response registered = api.register(email.toUpperCase(), ApiClient.PASSWORD);
        registered
                .then()
                .statusCode(201)
                .header("Location", "/api/v1/users/me")
                .body("user.email", equalTo(email))
                .body("user.role", equalTo("buyer"))
                .body("user.full_name", equalTo("Test User"))
                .body("tokens.token_type", equalTo("Bearer"))
                .body("tokens.expires_in", equalTo(900))
                .body("tokens.refresh_token", notNullValue());
        String access = registered.path("tokens.access_token");

        api.as(access).get("/api/v1/users/me").then().statusCode(200).body("email", equalTo(email));
        assertThat(auditActions(registered.path("user.id"))).contains("user.registered");
    }

    @Test
    void rejectsASecondAccountWithTheSameEmailInAnyCase() {
        String email = ApiClient.newEmail();
        api.register(email, ApiClient.PASSWORD).then().statusCode(201);
        api.register(email.toUpperCase(), ApiClient.PASSWORD)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("email_taken"));
        assertThat(jdbc.sql("select count(*) from users where email = :e")
                        .param("e", email)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void rejectsWeakPasswordsPerFieldAndWritesNothing() {
        String email = ApiClient.newEmail();
        api.register(email, "password123")
                .then()
                .statusCode(400)
                .body("code", equalTo("validation_failed"))
                .body("errors.field", hasItem("password"));
        api.register(email, "short").then().statusCode(400).body("errors.field", hasItem("password"));
        api.register(email, "x".repeat(73)).then().statusCode(400).body("errors.field", hasItem("password"));
        assertThat(jdbc.sql("select count(*) from users where email = :e")
                        .param("e", email)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void rejectsInvalidEmailsAndMissingFields() {
        api.anonymous()
                .body("""
                        {"email": "not-an-email", "password": "%s"}
                        """.formatted(ApiClient.PASSWORD))
                .post("/api/v1/auth/register")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("email"))
                .body("errors.field", hasItem("full_name"));
    }

    @Test
    void logsInWithTheRightPasswordOnly() {
        String email = ApiClient.newEmail();
        api.register(email, ApiClient.PASSWORD).then().statusCode(201);

        api.login(email, ApiClient.PASSWORD).then().statusCode(200).body("access_token", notNullValue());
        api.login(email, "wrong password 1")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("code", equalTo("bad_credentials"));
    }

    @Test
    void answersUnknownEmailsExactlyLikeWrongPasswords() {
        String email = ApiClient.newEmail();
        api.register(email, ApiClient.PASSWORD).then().statusCode(201);

        Response wrongPassword = api.login(email, "wrong password 1");
        Response unknownEmail = api.login(ApiClient.newEmail(), "wrong password 1");

        assertThat(unknownEmail.statusCode()).isEqualTo(wrongPassword.statusCode());
        for (String member : new String[] {"type", "title", "detail", "code", "status"}) {
            assertThat(unknownEmail.<Object>path(member)).isEqualTo(wrongPassword.path(member));
        }
    }

    @Test
    void locksAnEmailAfterRepeatedFailuresEvenWithTheRightPassword() {
        String email = ApiClient.newEmail();
        api.register(email, ApiClient.PASSWORD).then().statusCode(201);
        for (int i = 0; i < 3; i++) {
            api.login(email, "wrong password " + i).then().statusCode(401);
        }
        api.login(email, ApiClient.PASSWORD)
                .then()
                .statusCode(429)
                .header("Retry-After", notNullValue())
                .body("code", equalTo("login_locked"))
                .body("retry_after_seconds", greaterThan(0));
        assertThat(jdbc.sql(
                                "select count(*) from audit_log where action = 'auth.login_failed' and after->>'email' = :e")
                        .param("e", email)
                        .query(Long.class)
                        .single())
                .isEqualTo(3);
    }

    @Test
    void locksUnknownEmailsTheSameWaySoLocksRevealNothing() {
        String email = ApiClient.newEmail();
        for (int i = 0; i < 3; i++) {
            api.login(email, "wrong password " + i).then().statusCode(401);
        }
        api.login(email, "wrong password x").then().statusCode(429).body("code", equalTo("login_locked"));
    }

    @Test
    void rotatesRefreshTokensOnEveryUse() {
        Response registered = api.register(ApiClient.newEmail(), ApiClient.PASSWORD);
        String first = registered.path("tokens.refresh_token");

        Response rotated = api.refresh(first);
        rotated.then().statusCode(200).body("refresh_token", notNullValue());
        String second = rotated.path("refresh_token");
        assertThat(second).isNotEqualTo(first);

        api.as(rotated.<String>path("access_token"))
                .get("/api/v1/users/me")
                .then()
                .statusCode(200);
        api.refresh(second).then().statusCode(200);
    }

    @Test
    void revokesTheWholeFamilyWhenARotatedTokenIsReplayed() {
        Response registered = api.register(ApiClient.newEmail(), ApiClient.PASSWORD);
        String first = registered.path("tokens.refresh_token");
        String second = api.refresh(first).path("refresh_token");

        api.refresh(first).then().statusCode(401).body("code", equalTo("invalid_refresh_token"));
        api.refresh(second).then().statusCode(401).body("code", equalTo("invalid_refresh_token"));
        assertThat(jdbc.sql(
                                "select count(*) from audit_log where action = 'auth.refresh_token_reused' and after->>'user_id' = :id")
                        .param("id", registered.<String>path("user.id"))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void logoutRevokesTheRefreshToken() {
        String refresh = api.register(ApiClient.newEmail(), ApiClient.PASSWORD).path("tokens.refresh_token");
        api.anonymous()
                .body("""
                        {"refresh_token": "%s"}
                        """.formatted(refresh))
                .post("/api/v1/auth/logout")
                .then()
                .statusCode(204);
        api.refresh(refresh).then().statusCode(401);
    }

    @Test
    void rejectsUnknownRefreshTokens() {
        api.refresh("not-a-token").then().statusCode(401).body("code", equalTo("invalid_refresh_token"));
    }

    private java.util.List<String> auditActions(String userId) {
        return jdbc.sql("select action from audit_log where entity_id = :id or actor_user_id::text = :id order by id")
                .param("id", userId)
                .query(String.class)
                .list();
    }
}
