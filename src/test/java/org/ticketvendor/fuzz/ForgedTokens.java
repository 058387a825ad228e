package org.ticketvendor.fuzz;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.random.RandomGenerator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Access tokens the application must refuse (or accept only for what they say): expired, signed with
 * another key, unsigned, for an account that does not exist, with claims of the wrong type. Signed with
 * the test context's real secret where the signature is not the point.
 */
final class ForgedTokens {

    private final byte[] secret;

    /** @param secret the application's {@code ticketvendor.identity.jwt-secret}, whose UTF-8 bytes are the key */
    ForgedTokens(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** An Authorization header value that is wrong in one way, chosen at random. */
    String badAuthorization(RandomGenerator random, String someValidToken) {
        long now = Instant.now().getEpochSecond();
        String sub = UUID.randomUUID().toString();
        return switch (random.nextInt(16)) {
            case 0 -> "Bearer " + sign(claims("ticket-vendor", sub, "buyer", now - 7200, now - 3600), secret);
            case 1 ->
                "Bearer " + sign(claims("ticket-vendor", sub, "admin", now, now + 600), "not-our-secret".getBytes());
            case 2 -> "Bearer " + unsigned(claims("ticket-vendor", sub, "admin", now, now + 600));
            case 3 -> "Bearer " + sign(claims("someone-else", sub, "admin", now, now + 600), secret);
            case 4 ->
                "Bearer "
                        + sign(
                                "{\"iss\":\"ticket-vendor\",\"sub\":12345,\"role\":\"buyer\",\"exp\":" + (now + 600)
                                        + "}",
                                secret);
            case 5 ->
                "Bearer "
                        + sign(
                                "{\"iss\":\"ticket-vendor\",\"sub\":\"" + sub + "\",\"role\":[\"admin\"],\"exp\":"
                                        + (now + 600) + "}",
                                secret);
            case 6 ->
                "Bearer "
                        + sign(
                                "{\"iss\":\"ticket-vendor\",\"sub\":\"" + sub
                                        + "\",\"role\":\"buyer\",\"exp\":\"tomorrow\"}",
                                secret);
            case 7 ->
                "Bearer "
                        + sign(
                                "{\"iss\":\"ticket-vendor\",\"sub\":\"not-a-uuid\",\"role\":\"buyer\",\"exp\":"
                                        + (now + 600) + "}",
                                secret);
            case 8 -> "Bearer " + sign(claims("ticket-vendor", sub, "superuser", now, now + 600), secret);
            case 9 ->
                "Bearer " + sign("{\"iss\":\"ticket-vendor\",\"sub\":\"" + sub + "\",\"role\":\"buyer\"}", secret);
            case 10 -> "Bearer " + sign("[1,2,3]", secret);
            case 11 -> "Bearer " + Strings.random(random, 2000);
            case 12 -> "Bearer ";
            case 13 -> "Basic dXNlcjpwYXNzd29yZA==";
            case 14 -> someValidToken == null ? "Bearer x.y.z" : "Bearer " + someValidToken + "x";
            default ->
                "bearer"
                        + (someValidToken == null
                                ? ""
                                : " " + someValidToken.substring(0, someValidToken.length() / 2));
        };
    }

    /** A well-signed, unexpired token for an account that does not exist (a deleted user's), with a valid role. */
    String ghost(RandomGenerator random) {
        long now = Instant.now().getEpochSecond();
        String role = List.of("buyer", "promoter", "staff", "admin").get(random.nextInt(4));
        return sign(claims("ticket-vendor", UUID.randomUUID().toString(), role, now, now + 600), secret);
    }

    private static String claims(String iss, String sub, String role, long iat, long exp) {
        return "{\"iss\":\"%s\",\"sub\":\"%s\",\"jti\":\"%s\",\"iat\":%d,\"exp\":%d,\"role\":\"%s\"}"
                .formatted(iss, sub, UUID.randomUUID(), iat, exp, role);
    }

    private static String sign(String claims, byte[] key) {
        String signingInput = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + b64(claims);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return signingInput + "."
                    + Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unsigned(String claims) {
        return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(claims) + ".";
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
