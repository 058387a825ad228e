package org.ticketvendor.tickets.qr;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * One Ed25519 key pair per event, derived from the master secret: seed = HMAC-SHA256(secret,
 * "ticket-key:" + event id). Nothing is stored, any instance with the secret computes the same
 * keys, and one event's private key says nothing about another's because HMAC is one-way.
 *
 * <p>Plain JDK only. The JDK has no API to compute a public key from a private one, but its
 * Ed25519 key pair generator draws exactly one 32-byte seed from the {@link SecureRandom} it is
 * given and derives the pair from it (RFC 8032, 5.1.5); handing it a source that returns our seed
 * gives the public key. The constructor checks this against the RFC's test vector, so a JDK that
 * draws randomness differently fails at start-up instead of issuing unverifiable codes.
 */
final class EventKeys {

    static final int MIN_SECRET_BYTES = 32;
    static final int SEED_BYTES = 32;
    static final int PUBLIC_KEY_BYTES = 32;
    /** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410); the raw key follows it. */
    static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private static final String ALGORITHM = "Ed25519";
    private static final String DERIVATION_LABEL = "ticket-key:";
    // Public keys only: deriving one costs a scalar multiplication, and they are not secret.
    private static final int CACHED_PUBLIC_KEYS = 1024;

    private final SecretKeySpec masterSecret;
    private final Map<UUID, PublicKey> publicKeys = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, PublicKey> eldest) {
            return size() > CACHED_PUBLIC_KEYS;
        }
    });

    EventKeys(byte[] masterSecret) {
        if (masterSecret == null || masterSecret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the master secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        this.masterSecret = new SecretKeySpec(masterSecret, "HmacSHA256");
        checkPublicKeyDerivation();
    }

    /**
     * Signs {@code message} with the event's private key; Ed25519 signing is deterministic. Bouncy
     * Castle's RFC 8032 implementation with the cached public key: the JDK's derives the public key
     * again on every signature and multiplies points several times slower.
     */
    byte[] sign(UUID eventId, byte[] message) {
        byte[] seed = seed(eventId);
        try {
            byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
            Ed25519.sign(seed, 0, rawPublicKey(eventId), 0, message, 0, message.length, signature, 0);
            return signature;
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /** Whether {@code signature} is the event's signature of {@code message}; false, never an exception. */
    boolean verify(UUID eventId, byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(publicKey(eventId));
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // The JDK reports some undecodable signature points as exceptions: still just "not signed by us".
            return false;
        }
    }

    /** The event's public key (its X.509 encoding is {@link #X509_PREFIX} + the raw 32 bytes). */
    PublicKey publicKey(UUID eventId) {
        return publicKeys.computeIfAbsent(eventId, id -> {
            byte[] seed = seed(id);
            try {
                return publicKeyFromSeed(seed);
            } finally {
                Arrays.fill(seed, (byte) 0);
            }
        });
    }

    /** The raw 32-byte public key, as RFC 8032 encodes it. */
    byte[] rawPublicKey(UUID eventId) {
        return raw(publicKey(eventId));
    }

    static byte[] raw(PublicKey key) {
        byte[] encoded = key.getEncoded();
        byte[] prefix = Arrays.copyOf(encoded, X509_PREFIX.length);
        if (encoded.length != X509_PREFIX.length + PUBLIC_KEY_BYTES || !Arrays.equals(prefix, X509_PREFIX)) {
            throw new IllegalStateException("unexpected Ed25519 public key encoding");
        }
        return Arrays.copyOfRange(encoded, X509_PREFIX.length, encoded.length);
    }

    private byte[] seed(UUID eventId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(masterSecret);
            return mac.doFinal((DERIVATION_LABEL + eventId).getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    static PublicKey publicKeyFromSeed(byte[] seed) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            SeedSource source = new SeedSource(seed);
            generator.initialize(NamedParameterSpec.ED25519, source);
            PublicKey key = generator.generateKeyPair().getPublic();
            if (!source.used) {
                throw new IllegalStateException("the Ed25519 key pair generator did not draw the seed");
            }
            return key;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
        }
    }

    /** RFC 8032, section 7.1, test 1: this seed must give this public key. */
    private static void checkPublicKeyDerivation() {
        HexFormat hex = HexFormat.of();
        byte[] seed = hex.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        byte[] expected = hex.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        if (!Arrays.equals(raw(publicKeyFromSeed(seed)), expected)) {
            throw new IllegalStateException(
                    "this JDK's Ed25519 key pair generator cannot derive public keys from seeds");
        }
    }

    /**
     * Hands out the seed exactly once and refuses anything else, so a change in how the JDK draws
     * randomness shows up as an error rather than as a different, silently random key.
     */
    private static final class SeedSource extends SecureRandom {

        private static final long serialVersionUID = 1L;
        private final transient byte[] seed;
        private boolean used;

        SeedSource(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (used || bytes.length != SEED_BYTES) {
                throw new IllegalStateException("the Ed25519 key pair generator asked for unexpected randomness");
            }
            System.arraycopy(seed, 0, bytes, 0, SEED_BYTES);
            Arrays.fill(seed, (byte) 0);
            used = true;
        }
    }
}
