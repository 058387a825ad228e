package org.ticketvendor.identity.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.ticketvendor.identity.persistence.UserRepository;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;
import org.ticketvendor.support.TestAccounts;
import org.ticketvendor.support.TestAccounts.Session;
import org.ticketvendor.support.TestDatabaseInitializer;

/**
 * How access tokens are revoked across instances: a change committed elsewhere (another instance is
 * simulated by writing to the database directly) reaches this instance through PostgreSQL's
 * notification, and without the notification this instance answers from memory, not the database.
 */
@IntegrationTest
class TokenRevocationIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TokenRevocations revocations;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        await().atMost(Duration.ofSeconds(20)).until(revocations::isListening);
    }

    @Test
    void aChangeCommittedByAnotherInstanceReachesThisOneThroughItsNotification() {
        Session user = TestAccounts.withRole(api, "buyer");
        me(user).then().statusCode(200);

        bumpSecurityVersionWithoutTelling(user);
        // Negative control: without the notification the remembered state answers, so a check does
        // not read the database on every request (and this instance cannot know yet).
        me(user).then().statusCode(200);
        me(user).then().statusCode(200);

        jdbc.sql("select pg_notify(:channel, :id)")
                .param("channel", UserRepository.SECURITY_CHANNEL)
                .param("id", user.id())
                .query()
                .singleRow();
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> me(user).then().statusCode(401).body("code", equalTo("invalid_token")));
    }

    @Test
    void aTokenJustIssuedNeedsNoDatabaseReadOnItsFirstRequest() {
        // Logging in remembered the account's state on this instance.
        Session user = TestAccounts.withRole(api, "buyer");
        bumpSecurityVersionWithoutTelling(user);
        me(user).then().statusCode(200);

        notifyChange(user);
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> me(user).then().statusCode(401));
        String renewed = api.login(user.email(), ApiClient.PASSWORD).path("access_token");
        api.as(renewed).get("/api/v1/users/me").then().statusCode(200);
    }

    @Test
    void aListenerThatLostItsConnectionForgetsEverythingAndComesBack() {
        Session user = TestAccounts.withRole(api, "buyer");
        me(user).then().statusCode(200);

        int terminated = jdbc.sql("""
                        select count(pg_terminate_backend(pid)) from pg_stat_activity
                        where application_name = :name and datname = current_database()
                        """)
                .param("name", SecurityChangeListener.APPLICATION_NAME)
                .query(Integer.class)
                .single();
        assertThat(terminated).isPositive();
        bumpSecurityVersionWithoutTelling(user);
        // Notifications sent while it was gone are lost: what it remembered is dropped, so the
        // database answers until the listener is back.
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> me(user).then().statusCode(401));

        await().atMost(Duration.ofSeconds(20)).until(revocations::isListening);
        assertThat(listeners()).isPositive();
        Session other = TestAccounts.withRole(api, "buyer");
        me(other).then().statusCode(200);
        bumpSecurityVersionWithoutTelling(other);
        me(other).then().statusCode(200);
        jdbc.sql("select pg_notify(:channel, :id)")
                .param("channel", UserRepository.SECURITY_CHANNEL)
                .param("id", other.id())
                .query()
                .singleRow();
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> me(other).then().statusCode(401));
    }

    @Test
    void aNotificationThatNamesNoAccountIsIgnored() {
        Session user = TestAccounts.withRole(api, "buyer");
        jdbc.sql("select pg_notify(:channel, 'not-a-user')")
                .param("channel", UserRepository.SECURITY_CHANNEL)
                .query()
                .singleRow();
        me(user).then().statusCode(200);
        assertThat(revocations.isListening()).isTrue();
    }

    @Test
    void acceptsOnlyTheCurrentSecurityVersion() throws Exception {
        Session user = TestAccounts.withRole(api, "buyer");
        api.as(sign(user.id(), 0)).get("/api/v1/users/me").then().statusCode(200);
        // Tokens issued before V30 have no sv: they count as version 0.
        api.as(sign(user.id(), null)).get("/api/v1/users/me").then().statusCode(200);
        api.as(sign(user.id(), 1)).get("/api/v1/users/me").then().statusCode(401);
        api.as(sign(user.id(), "0")).get("/api/v1/users/me").then().statusCode(401);
        api.as(sign(user.id(), 0.5)).get("/api/v1/users/me").then().statusCode(401);
    }

    @Test
    void refusesTokensOfAccountsThatDoNotExist() throws Exception {
        api.as(sign(UUID.randomUUID().toString(), 0))
                .get("/api/v1/users/me")
                .then()
                .statusCode(401)
                .body("code", equalTo("invalid_token"));
    }

    private io.restassured.response.Response me(Session user) {
        return api.as(user.accessToken()).get("/api/v1/users/me");
    }

    private void notifyChange(Session user) {
        jdbc.sql("select pg_notify(:channel, :id)")
                .param("channel", UserRepository.SECURITY_CHANNEL)
                .param("id", user.id())
                .query()
                .singleRow();
    }

    private void bumpSecurityVersionWithoutTelling(Session user) {
        jdbc.sql("update users set security_version = security_version + 1 where id = :id")
                .param("id", UUID.fromString(user.id()))
                .update();
    }

    private int listeners() {
        return jdbc.sql("""
                        select count(*) from pg_stat_activity
                        where application_name = :name and datname = current_database()
                        """)
                .param("name", SecurityChangeListener.APPLICATION_NAME)
                .query(Integer.class)
                .single();
    }

    private static String sign(String subject, Object securityVersion) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer("ticket-vendor")
                .subject(subject)
                .claim("role", "buyer")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)));
        if (securityVersion != null) {
            claims.claim(AccessTokens.SECURITY_VERSION_CLAIM, securityVersion);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        jwt.sign(new MACSigner(TestDatabaseInitializer.jwtSecret().getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }
}
