package org.ticketvendor.security;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;
import org.ticketvendor.support.TestDatabaseInitializer;

/**
 * OWASP API2:2023 Broken Authentication: access tokens that were not issued by us as they are
 * (unsigned, re-signed, another algorithm, edited, expired, in the wrong place), refresh tokens used
 * twice or as something else, and guessing passwords. The shared test application locks an email
 * after 3 failed logins.
 */
@IntegrationTest
class Api2BrokenAuthenticationIntegrationTests {

    private static final String ME = "/api/v1/users/me";

    @LocalServerPort
    int port;

    ApiClient api;
    String email;
    Response registered;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        email = ApiClient.newEmail();
        registered = api.register(email, ApiClient.PASSWORD);
        registered.then().statusCode(201);
    }

    @Test
    void aTokenWeSignedIsAcceptedSoTheRefusalsBelowAreAboutTheirFlaw() throws Exception {
        api.as(hs256(claims().build(), secret())).get(ME).then().statusCode(200);
    }

    @Test
    void unsignedTokensAreRefusedAlsoWhenTheyKeepAValidSignature() {
        refused(new PlainJWT(claims().build()).serialize());
        String[] valid = accessToken().split("\\.");
        String none = encode("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        refused(none + "." + valid[1] + ".");
        refused(none + "." + valid[1] + "." + valid[2]);
    }

    @Test
    void tokensSignedWithAnotherKeyOrAnotherAlgorithmAreRefused() throws Exception {
        refused(hs256(claims().build(), "a-key-that-is-not-ours-but-long-enough!!".getBytes(StandardCharsets.UTF_8)));
        byte[] ourSecretPadded = (TestDatabaseInitializer.jwtSecret() + TestDatabaseInitializer.jwtSecret())
                .getBytes(StandardCharsets.UTF_8);
        refused(signed(JWSAlgorithm.HS512, claims().build(), ourSecretPadded));
        refused(signed(JWSAlgorithm.HS384, claims().build(), ourSecretPadded));
    }

    @Test
    void anEditedPayloadBreaksTheSignature() {
        String[] parts = accessToken().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String admin = payload.replace("\"role\":\"buyer\"", "\"role\":\"admin\"");
        org.assertj.core.api.Assertions.assertThat(admin).isNotEqualTo(payload);

        refused(parts[0] + "." + encode(admin) + "." + parts[2]);
        api.as(parts[0] + "." + encode(admin) + "." + parts[2])
                .get("/api/v1/admin/notifications")
                .then()
                .statusCode(401);
    }

    @Test
    void expiredTokensAndTokensNotYetValidAreRefused() throws Exception {
        Instant now = Instant.now();
        refused(hs256(
                claims().issueTime(Date.from(now.minusSeconds(1800)))
                        .expirationTime(Date.from(now.minusSeconds(900)))
                        .build(),
                secret()));
        refused(hs256(claims().notBeforeTime(Date.from(now.plusSeconds(900))).build(), secret()));
    }

    @Test
    void accessTokensAreReadFromTheAuthorizationHeaderOnlyNeverFromTheUrl() {
        api.anonymous().queryParam("access_token", accessToken()).get(ME).then().statusCode(401);
    }

    @Test
    void refreshTokensAndAccessTokensCannotStandInForEachOther() {
        refused(registered.<String>path("tokens.refresh_token"));
        // An access token is longer than any refresh token: refused as malformed before any lookup.
        api.refresh(accessToken())
                .then()
                .statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItem("refresh_token"))
                .body("access_token", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void aRefreshTokenUsedTwiceRevokesTheWholeLoginButNotOtherLogins() {
        String first = registered.path("tokens.refresh_token");
        String second = api.refresh(first).then().statusCode(200).extract().path("refresh_token");
        String otherLogin = api.login(email, ApiClient.PASSWORD).path("refresh_token");

        api.refresh(first).then().statusCode(401).body("code", equalTo("invalid_refresh_token"));

        api.refresh(second).then().statusCode(401).body("code", equalTo("invalid_refresh_token"));
        api.refresh(otherLogin).then().statusCode(200);
    }

    @Test
    void guessingLocksTheEmailInWhateverLetterCaseItIsTypedEvenForTheRightPassword() {
        String[] spellings = {email, email.toUpperCase(Locale.ROOT), " " + email + " "};
        for (String spelling : spellings) {
            api.login(spelling, "not the password 1").then().statusCode(401);
        }

        api.login(email, ApiClient.PASSWORD)
                .then()
                .statusCode(429)
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("code", equalTo("login_locked"));
        api.login(ApiClient.newEmail(), "not the password 1").then().statusCode(401);
    }

    private void refused(String token) {
        api.as(token)
                .get(ME)
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("code", equalTo("invalid_token"));
    }

    private String accessToken() {
        return registered.path("tokens.access_token");
    }

    private JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer("ticket-vendor")
                .subject(registered.<String>path("user.id"))
                .claim("role", "buyer")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)));
    }

    private static byte[] secret() {
        return TestDatabaseInitializer.jwtSecret().getBytes(StandardCharsets.UTF_8);
    }

    private static String hs256(JWTClaimsSet claims, byte[] key) throws JOSEException {
        return signed(JWSAlgorithm.HS256, claims, key);
    }

    private static String signed(JWSAlgorithm algorithm, JWTClaimsSet claims, byte[] key) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
