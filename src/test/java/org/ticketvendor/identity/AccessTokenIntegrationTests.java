package org.ticketvendor.identity;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;
import org.ticketvendor.support.TestDatabaseInitializer;

/** Access tokens that must not get in: expired, forged, unsigned, foreign, malformed. */
@IntegrationTest
class AccessTokenIntegrationTests {

    @LocalServerPort
    int port;

    ApiClient api;
    String userId;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        userId = api.register(ApiClient.newEmail(), ApiClient.PASSWORD).path("user.id");
    }

    @Test
    void acceptsATokenWeSignedOurselves() throws Exception {
        api.as(sign(claims().build(), secret())).get("/api/v1/users/me").then().statusCode(200);
    }

    @Test
    void rejectsMissingTokensWithAProblem() {
        api.anonymous()
                .get("/api/v1/users/me")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("code", equalTo("unauthorized"))
                .body("type", equalTo("urn:ticket-vendor:problem:unauthorized"));
    }

    @Test
    void rejectsExpiredTokens() throws Exception {
        Instant past = Instant.now().minusSeconds(3600);
        String token = sign(
                claims().issueTime(Date.from(past.minusSeconds(900)))
                        .expirationTime(Date.from(past))
                        .build(),
                secret());
        api.as(token).get("/api/v1/users/me").then().statusCode(401).body("code", equalTo("invalid_token"));
    }

    @Test
    void rejectsTokensWithoutExpiry() throws Exception {
        String token = sign(claims().expirationTime(null).build(), secret());
        api.as(token).get("/api/v1/users/me").then().statusCode(401).body("code", equalTo("invalid_token"));
    }

    @Test
    void rejectsTokensSignedWithAnotherKey() throws Exception {
        String token = sign(claims().build(), "another-secret-that-is-long-enough-for-hs256!".getBytes());
        api.as(token).get("/api/v1/users/me").then().statusCode(401).body("code", equalTo("invalid_token"));
    }

    @Test
    void rejectsUnsignedAlgNoneTokens() {
        String token = new PlainJWT(claims().build()).serialize();
        api.as(token).get("/api/v1/users/me").then().statusCode(401).body("code", equalTo("invalid_token"));
    }

    @Test
    void rejectsTokensFromAnotherIssuer() throws Exception {
        String token = sign(claims().issuer("somebody-else").build(), secret());
        api.as(token).get("/api/v1/users/me").then().statusCode(401).body("code", equalTo("invalid_token"));
    }

    @Test
    void rejectsTokensWithAnInventedRole() throws Exception {
        String token = sign(claims().claim("role", "superuser").build(), secret());
        api.as(token).get("/api/v1/users/me").then().statusCode(401).body("code", equalTo("invalid_token"));
    }

    @Test
    void rejectsWellSignedTokensWhoseClaimsHaveTheWrongType() throws Exception {
        for (JWTClaimsSet claims : new JWTClaimsSet[] {
            claims().claim("role", java.util.List.of("admin")).build(),
            claims().claim("role", java.util.Map.of("name", "admin")).build(),
            claims().claim("role", 7).build(),
            claims().subject("not-a-uuid").build()
        }) {
            api.as(sign(claims, secret()))
                    .get("/api/v1/users/me")
                    .then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .body("code", equalTo("invalid_token"));
        }
    }

    @Test
    void rejectsGarbageInTheAuthorizationHeader() {
        api.as("not.a.jwt").get("/api/v1/users/me").then().statusCode(401).contentType("application/problem+json");
        api.anonymous()
                .header("Authorization", "Bearer")
                .get("/api/v1/users/me")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void forbidsBuyersFromAdminEndpointsWithAProblem() {
        api.as(api.newBuyerToken())
                .get("/api/v1/admin/users/" + UUID.randomUUID())
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("forbidden"));
    }

    private JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer("ticket-vendor")
                .subject(userId)
                .claim("role", "buyer")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)));
    }

    private static byte[] secret() {
        return TestDatabaseInitializer.jwtSecret().getBytes(StandardCharsets.UTF_8);
    }

    private static String sign(JWTClaimsSet claims, byte[] key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }
}
