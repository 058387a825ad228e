package org.ticketvendor.identity.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Opaque refresh tokens: 256 random bits for the client, only their SHA-256 in the database, so a
 * leaked table holds nothing usable. (A fast hash is right here: the token has full entropy.)
 */
public final class RefreshTokenCodec {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RefreshTokenCodec() {}

    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
