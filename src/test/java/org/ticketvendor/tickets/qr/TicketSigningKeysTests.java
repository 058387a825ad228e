package org.ticketvendor.tickets.qr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The per-event key derivation of {@link EventKeys}. */
class TicketSigningKeysTests {

    static final byte[] SECRET = "a-test-secret-that-is-long-enough-0123456789".getBytes(StandardCharsets.UTF_8);
    static final UUID EVENT = UUID.fromString("9b0d6c3e-51f4-4a7b-8e2d-3c4b5a697887");
    static final UUID OTHER_EVENT = UUID.fromString("0e5d8f21-7c3a-4b19-a6e4-d2f1c0b9a877");
    static final HexFormat HEX = HexFormat.of();

    @Test
    void derivesThePublicKeyOfRfc8032TestVectors() {
        // RFC 8032, section 7.1, tests 2 and 3 (test 1 is checked by every EventKeys at start-up).
        assertThat(EventKeys.raw(EventKeys.publicKeyFromSeed(
                        HEX.parseHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"))))
                .isEqualTo(HEX.parseHex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"));
        assertThat(EventKeys.raw(EventKeys.publicKeyFromSeed(
                        HEX.parseHex("c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7"))))
                .isEqualTo(HEX.parseHex("fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025"));
    }

    @Test
    void theSameSecretAndEventAlwaysGiveTheSameKeys() {
        EventKeys one = new EventKeys(SECRET);
        EventKeys two = new EventKeys(SECRET.clone());
        byte[] message = "TV1.message".getBytes(StandardCharsets.US_ASCII);

        assertThat(one.rawPublicKey(EVENT)).isEqualTo(two.rawPublicKey(EVENT)).isEqualTo(one.rawPublicKey(EVENT));
        assertThat(one.sign(EVENT, message)).isEqualTo(two.sign(EVENT, message));
        assertThat(two.verify(EVENT, message, one.sign(EVENT, message))).isTrue();
    }

    @Test
    void theSeedIsTheDocumentedHmacOfTheEventId() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        byte[] seed = mac.doFinal(("ticket-key:" + EVENT).getBytes(StandardCharsets.US_ASCII));

        assertThat(new EventKeys(SECRET).rawPublicKey(EVENT))
                .isEqualTo(EventKeys.raw(EventKeys.publicKeyFromSeed(seed)));
    }

    @Test
    void eachEventAndEachSecretGetsItsOwnKey() {
        EventKeys keys = new EventKeys(SECRET);
        byte[] otherSecret = SECRET.clone();
        otherSecret[0] ^= 1;
        byte[] message = "TV1.message".getBytes(StandardCharsets.US_ASCII);

        assertThat(keys.rawPublicKey(EVENT)).isNotEqualTo(keys.rawPublicKey(OTHER_EVENT));
        assertThat(new EventKeys(otherSecret).rawPublicKey(EVENT)).isNotEqualTo(keys.rawPublicKey(EVENT));
        assertThat(keys.verify(OTHER_EVENT, message, keys.sign(EVENT, message))).isFalse();
    }

    @Test
    void randomSignaturesAreRejectedWithoutExceptions() {
        EventKeys keys = new EventKeys(SECRET);
        byte[] message = "TV1.message".getBytes(StandardCharsets.US_ASCII);
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            byte[] signature = new byte[64];
            random.nextBytes(signature);
            assertThat(keys.verify(EVENT, message, signature)).isFalse();
        }
        assertThat(keys.verify(EVENT, message, new byte[10])).isFalse();
    }

    @Test
    void keepsOnlyABoundedNumberOfPublicKeysYetStaysCorrect() {
        EventKeys keys = new EventKeys(SECRET);
        byte[] first = keys.rawPublicKey(EVENT);
        for (int i = 0; i < 1100; i++) {
            keys.publicKey(UUID.nameUUIDFromBytes(new byte[] {(byte) i, (byte) (i >> 8)}));
        }
        assertThat(keys.rawPublicKey(EVENT)).isEqualTo(first);
    }

    @Test
    void rejectsAMasterSecretShorterThan32Bytes() {
        assertThatIllegalArgumentException().isThrownBy(() -> new EventKeys(new byte[31]));
        assertThatIllegalArgumentException().isThrownBy(() -> new EventKeys(null));
    }
}
