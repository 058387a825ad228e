package org.ticketvendor.tickets.qr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;
import org.ticketvendor.platform.PlatformSettings;
import org.ticketvendor.tickets.TicketsSettings;
import org.ticketvendor.tickets.domain.InvalidTicketCodeException;
import org.ticketvendor.tickets.domain.InvalidTicketCodeException.Reason;
import org.ticketvendor.tickets.domain.TicketCode;

class TicketSignerTests {

    static final String SECRET = "a-test-secret-that-is-long-enough-0123456789";
    static final UUID TICKET = UUID.fromString("2f1c7e0a-8a43-4c2e-9d55-0c8f6b1e7a01");
    static final UUID EVENT = UUID.fromString("9b0d6c3e-51f4-4a7b-8e2d-3c4b5a697887");
    static final UUID OTHER_EVENT = UUID.fromString("0e5d8f21-7c3a-4b19-a6e4-d2f1c0b9a877");
    static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    @TempDir
    Path dataDir;

    TicketSigner signer(String secret) {
        return signer(secret, dataDir);
    }

    static TicketSigner signer(String secret, Path dataDir) {
        return new TicketSigner(
                new TicketsSettings(secret, 400), new PlatformSettings(dataDir, DataSize.ofKilobytes(256)));
    }

    @Test
    void issuesACodeThatVerifiesBackToItsTicketEventAndSerial() {
        TicketSigner signer = signer(SECRET);
        String code = signer.issue(TICKET, EVENT, 7);

        assertThat(code).startsWith("TV1.").hasSize(TicketCode.ENCODED_LENGTH);
        assertThat(signer.verify(code)).isEqualTo(new VerifiedTicketCode(TICKET, EVENT, 7));
    }

    @Test
    void theSameIssueAlwaysGivesTheSameTextAndAReissueADifferentOne() {
        TicketSigner signer = signer(SECRET);
        assertThat(signer.issue(TICKET, EVENT, 1)).isEqualTo(signer(SECRET).issue(TICKET, EVENT, 1));
        assertThat(signer.issue(TICKET, EVENT, 2)).isNotEqualTo(signer.issue(TICKET, EVENT, 1));
    }

    @Test
    void aCodeSignedWithAnotherEventsKeyDoesNotVerify() {
        TicketSigner signer = signer(SECRET);
        EventKeys keys = new EventKeys(SECRET.getBytes(StandardCharsets.UTF_8));
        TicketCode claimsEvent = new TicketCode(TICKET, EVENT, 1);
        String signedByOther = claimsEvent.withSignature(keys.sign(OTHER_EVENT, claimsEvent.signedBytes()));

        assertThat(reasonOf(() -> signer.verify(signedByOther))).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void movingACodeToAnotherEventBreaksItsSignature() {
        TicketSigner signer = signer(SECRET);
        String code = signer.issue(TICKET, EVENT, 1);
        String moved = new TicketCode(TICKET, OTHER_EVENT, 1).signedText() + code.substring(code.lastIndexOf('.'));

        assertThat(reasonOf(() -> signer.verify(moved))).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void aCodeFromAnotherSecretDoesNotVerify() {
        String foreign = signer("another-secret-that-is-long-enough-9876543210").issue(TICKET, EVENT, 1);
        assertThat(reasonOf(() -> signer(SECRET).verify(foreign))).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void changingAnyBitOfPayloadOrSignatureFails() {
        TicketSigner signer = signer(SECRET);
        String code = signer.issue(TICKET, EVENT, 1);
        TicketCode.Parsed parsed = TicketCode.parse(code);
        byte[] payload = Base64.getUrlDecoder().decode(code.split("\\.")[1]);
        byte[] signature = parsed.signature();

        for (int i = 0; i < payload.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] tampered = payload.clone();
                tampered[i] ^= (byte) (1 << bit);
                String text = "TV1." + B64URL.encodeToString(tampered) + "." + B64URL.encodeToString(signature);
                // Setting the serial's sign bit makes the payload malformed before any signature check.
                Reason expected = i == 32 && bit == 7 ? Reason.MALFORMED : Reason.BAD_SIGNATURE;
                assertThat(reasonOf(() -> signer.verify(text)))
                        .as("payload byte %d bit %d", i, bit)
                        .isEqualTo(expected);
            }
        }
        for (int i = 0; i < signature.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] tampered = signature.clone();
                tampered[i] ^= (byte) (1 << bit);
                String text = parsed.code().withSignature(tampered);
                assertThat(reasonOf(() -> signer.verify(text)))
                        .as("signature byte %d bit %d", i, bit)
                        .isEqualTo(Reason.BAD_SIGNATURE);
            }
        }
    }

    @Test
    void forgedSignaturesFailAsBadSignaturesNotAsErrors() {
        TicketSigner signer = signer(SECRET);
        TicketCode code = new TicketCode(TICKET, EVENT, 1);
        for (int fill : new int[] {0x00, 0xff, 0x7f, 0x80, 0xed}) {
            byte[] forged = new byte[64];
            java.util.Arrays.fill(forged, (byte) fill);
            assertThat(reasonOf(() -> signer.verify(code.withSignature(forged))))
                    .isEqualTo(Reason.BAD_SIGNATURE);
        }
    }

    @Test
    void verifyRefusesMalformedInputWithItsReason() {
        TicketSigner signer = signer(SECRET);
        String code = signer.issue(TICKET, EVENT, 1);

        assertThat(reasonOf(() -> signer.verify(null))).isEqualTo(Reason.MISSING);
        assertThat(reasonOf(() -> signer.verify(""))).isEqualTo(Reason.MISSING);
        assertThat(reasonOf(() -> signer.verify("TV1."))).isEqualTo(Reason.MALFORMED);
        assertThat(reasonOf(() -> signer.verify("TV9." + code.substring(4)))).isEqualTo(Reason.UNSUPPORTED_VERSION);
        assertThat(reasonOf(() -> signer.verify("TV1.not*base64.!!"))).isEqualTo(Reason.MALFORMED);
        assertThat(reasonOf(() -> signer.verify(code.substring(0, code.length() - 10))))
                .isEqualTo(Reason.MALFORMED);
        assertThat(reasonOf(() -> signer.verify("\u0000".repeat(10_240)))).isEqualTo(Reason.TOO_LONG);
        assertThat(reasonOf(() -> signer.verify("WIFI:S:guest;T:WPA;P:secret;;")))
                .isEqualTo(Reason.UNKNOWN_FORMAT);
    }

    @Test
    void aScannerVerifiesOfflineWithOnlyTheEventsPublicKeyAndThePlainJdk() throws Exception {
        TicketSigner signer = signer(SECRET);
        String code = signer.issue(TICKET, EVENT, 4);
        byte[] raw = signer.publicKey(EVENT);
        String pem = signer.publicKeyPem(EVENT);

        // What a scanner does, with none of our classes: split, decode, look up the key, verify.
        int lastDot = code.lastIndexOf('.');
        byte[] signed = code.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII);
        byte[] signature = Base64.getUrlDecoder().decode(code.substring(lastDot + 1));
        ByteBuffer payload = ByteBuffer.wrap(Base64.getUrlDecoder().decode(code.substring(4, lastDot)));
        UUID ticket = new UUID(payload.getLong(), payload.getLong());
        UUID event = new UUID(payload.getLong(), payload.getLong());

        assertThat(ticket).isEqualTo(TICKET);
        assertThat(event).isEqualTo(EVENT);
        assertThat(raw).hasSize(32);
        for (PublicKey key : new PublicKey[] {
            fromRaw(raw), fromPem(pem), fromRaw(Base64.getUrlDecoder().decode(signer.publicKeyBase64Url(EVENT)))
        }) {
            assertThat(jdkVerify(key, signed, signature)).isTrue();
            assertThat(jdkVerify(key, "TV1.something else".getBytes(StandardCharsets.US_ASCII), signature))
                    .isFalse();
        }
        assertThat(jdkVerify(fromRaw(signer.publicKey(OTHER_EVENT)), signed, signature))
                .isFalse();
    }

    @Test
    void thePemIsAStandardPublicKeyBlock() {
        String pem = signer(SECRET).publicKeyPem(EVENT);
        assertThat(pem)
                .startsWith("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA")
                .endsWith("\n-----END PUBLIC KEY-----\n");
    }

    @Test
    void generatesAPrivateMasterSecretOnceAndKeepsUsingIt() throws Exception {
        Path data = dataDir.resolve("data");
        String code = signer(null, data).issue(TICKET, EVENT, 1);
        Path file = data.resolve("ticket-signing-secret");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSizeGreaterThanOrEqualTo(32);
        assertThat(signer("  ", data).verify(code)).isEqualTo(new VerifiedTicketCode(TICKET, EVENT, 1));
        assertThat(signer(null, dataDir.resolve("elsewhere")).publicKey(EVENT))
                .isNotEqualTo(signer(null, data).publicKey(EVENT));
        try (var files = Files.list(data)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aConfiguredSecretWinsAndWritesNoFile() {
        signer(SECRET).issue(TICKET, EVENT, 1);
        assertThat(dataDir.resolve("ticket-signing-secret")).doesNotExist();
    }

    @Test
    void rejectsAConfiguredSecretShorterThan32Bytes() {
        assertThatIllegalStateException()
                .isThrownBy(() -> signer("x".repeat(31)))
                .withMessageContaining("TICKET_SIGNING_SECRET")
                .withMessageContaining("32 bytes");
        assertThat(signer("x".repeat(32)).issue(TICKET, EVENT, 0)).startsWith("TV1.");
    }

    @Test
    void refusesToReplaceADamagedSecretFile() throws Exception {
        Path file = dataDir.resolve("ticket-signing-secret");
        Files.writeString(file, "not base64 at all!");
        assertThatIllegalStateException().isThrownBy(() -> signer(null)).withMessageContaining("backup");

        Files.writeString(
                file, Base64.getEncoder().encodeToString(HexFormat.of().parseHex("00112233")));
        assertThatIllegalStateException().isThrownBy(() -> signer(null)).withMessageContaining("fewer than 32 bytes");
    }

    static Reason reasonOf(Runnable call) {
        Throwable thrown = catchThrowable(call::run);
        assertThat(thrown).isExactlyInstanceOf(InvalidTicketCodeException.class);
        return ((InvalidTicketCodeException) thrown).reason();
    }

    static PublicKey fromRaw(byte[] raw) throws Exception {
        byte[] x509 = ByteBuffer.allocate(44)
                .put(HexFormat.of().parseHex("302a300506032b6570032100"))
                .put(raw)
                .array();
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
    }

    static PublicKey fromPem(String pem) throws Exception {
        String body = pem.replace("-----BEGIN PUBLIC KEY-----", "")
                .replace("-----END PUBLIC KEY-----", "")
                .strip();
        return KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder().decode(body)));
    }

    static boolean jdkVerify(PublicKey key, byte[] message, byte[] signature) throws Exception {
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(message);
        return verifier.verify(signature);
    }
}
