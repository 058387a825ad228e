package org.ticketvendor.tickets.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ticketvendor.tickets.domain.InvalidTicketCodeException.Reason;

class TicketCodeTests {

    static final UUID TICKET = UUID.fromString("2f1c7e0a-8a43-4c2e-9d55-0c8f6b1e7a01");
    static final UUID EVENT = UUID.fromString("9b0d6c3e-51f4-4a7b-8e2d-3c4b5a697887");
    static final TicketCode CODE = new TicketCode(TICKET, EVENT, 3);
    static final byte[] SIGNATURE = signature();
    static final String TEXT = CODE.withSignature(SIGNATURE);

    static byte[] signature() {
        byte[] bytes = new byte[TicketCode.SIGNATURE_BYTES];
        Arrays.fill(bytes, (byte) 0x5a);
        return bytes;
    }

    @Test
    void encodesAsVersionPrefixPayloadAndSignature() {
        assertThat(TEXT)
                .startsWith("TV1.")
                .hasSize(TicketCode.ENCODED_LENGTH)
                .matches("TV1\\.[A-Za-z0-9_-]{54}\\.[A-Za-z0-9_-]{86}");
        assertThat(TEXT).startsWith(CODE.signedText());
        byte[] payload = Base64.getUrlDecoder().decode(TEXT.split("\\.")[1]);
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        assertThat(new UUID(buffer.getLong(), buffer.getLong())).isEqualTo(TICKET);
        assertThat(new UUID(buffer.getLong(), buffer.getLong())).isEqualTo(EVENT);
        assertThat(buffer.getLong()).isEqualTo(3);
        assertThat(buffer.hasRemaining()).isFalse();
    }

    @Test
    void parsesWhatItEncodes() {
        TicketCode.Parsed parsed = TicketCode.parse(TEXT);
        assertThat(parsed.code()).isEqualTo(CODE);
        assertThat(parsed.signature()).isEqualTo(SIGNATURE);
        assertThat(parsed.signedBytes()).isEqualTo(CODE.signedBytes());
    }

    @Test
    void carriesNoMoreThanIdsAndSerial() {
        assertThat(TicketCode.PAYLOAD_BYTES).isEqualTo(16 + 16 + 8);
        assertThat(TicketCode.parse(new TicketCode(TICKET, EVENT, Long.MAX_VALUE).withSignature(SIGNATURE))
                        .code()
                        .serial())
                .isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void refusesANegativeSerialOrAMissingId() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TicketCode(TICKET, EVENT, -1));
        assertThat(catchThrowable(() -> new TicketCode(null, EVENT, 0))).isInstanceOf(NullPointerException.class);
        assertThatIllegalArgumentException().isThrownBy(() -> CODE.withSignature(new byte[63]));
    }

    static Stream<Arguments> malformedCodes() {
        String payload = TEXT.substring(4, 58);
        String sig = TEXT.substring(59);
        return Stream.of(
                Arguments.of("null", null, Reason.MISSING),
                Arguments.of("empty", "", Reason.MISSING),
                Arguments.of("10 KB of garbage", "x".repeat(10_240), Reason.TOO_LONG),
                Arguments.of("a valid code padded to 10 KB", TEXT + ".".repeat(10_240), Reason.TOO_LONG),
                Arguments.of("some other QR code", "https://example.test/ticket/1", Reason.UNKNOWN_FORMAT),
                Arguments.of("lowercase prefix", "tv1." + payload + "." + sig, Reason.UNKNOWN_FORMAT),
                Arguments.of("leading space", " " + TEXT, Reason.UNKNOWN_FORMAT),
                Arguments.of("prefix without dot", "TV1", Reason.UNKNOWN_FORMAT),
                Arguments.of("version 9", "TV9." + payload + "." + sig, Reason.UNSUPPORTED_VERSION),
                Arguments.of("bare version 9", "TV9.", Reason.UNSUPPORTED_VERSION),
                Arguments.of("version 12", "TV12.abc", Reason.UNSUPPORTED_VERSION),
                Arguments.of("bare prefix", "TV1.", Reason.MALFORMED),
                Arguments.of("payload only", "TV1." + payload, Reason.MALFORMED),
                Arguments.of("empty signature", "TV1." + payload + ".", Reason.MALFORMED),
                Arguments.of("truncated signature", TEXT.substring(0, TEXT.length() - 1), Reason.MALFORMED),
                Arguments.of("signature cut in half", TEXT.substring(0, 59 + 43), Reason.MALFORMED),
                Arguments.of("truncated payload", "TV1." + payload.substring(1) + "." + sig, Reason.MALFORMED),
                Arguments.of("trailing part", TEXT + ".AAAA", Reason.MALFORMED),
                Arguments.of("trailing newline", TEXT + "\n", Reason.MALFORMED),
                Arguments.of("trailing garbage", TEXT + "A", Reason.MALFORMED),
                Arguments.of(
                        "standard base64 characters",
                        "TV1." + payload + "." + "+/" + sig.substring(2),
                        Reason.MALFORMED),
                Arguments.of("padding", "TV1." + payload + "." + sig.substring(0, 84) + "==", Reason.MALFORMED),
                Arguments.of("non-ASCII letter", "TV1." + "é" + payload.substring(1) + "." + sig, Reason.MALFORMED),
                Arguments.of(
                        "non-canonical final character", "TV1." + payload + "." + nonCanonical(sig), Reason.MALFORMED),
                Arguments.of("negative serial", withNegativeSerial(sig), Reason.MALFORMED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedCodes")
    void refusesMalformedInputWithItsReason(String description, String input, Reason reason) {
        Throwable thrown = catchThrowable(() -> TicketCode.parse(input));
        assertThat(thrown).isExactlyInstanceOf(InvalidTicketCodeException.class);
        assertThat(((InvalidTicketCodeException) thrown).reason()).isEqualTo(reason);
    }

    @Test
    void neverEchoesTheInputInItsMessage() {
        Throwable thrown = catchThrowable(() -> TicketCode.parse("TV1.<script>" + "A".repeat(200)));
        assertThat(thrown).hasMessageStartingWith("malformed: ").hasMessageNotContaining("<script>");
    }

    @Test
    void randomAndMutatedInputOnlyEverFailsWithTheTypedException() {
        Random random = new Random(42);
        String alphabet = "TV1.ABCxyz019-_+/=é\n\u0000 ";
        for (int i = 0; i < 20_000; i++) {
            char[] chars = TEXT.toCharArray();
            if (i % 2 == 0) {
                chars[random.nextInt(chars.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            } else {
                chars = new char[random.nextInt(300)];
                for (int c = 0; c < chars.length; c++) {
                    chars[c] = alphabet.charAt(random.nextInt(alphabet.length()));
                }
            }
            String input = new String(chars);
            Throwable thrown = catchThrowable(() -> TicketCode.parse(input));
            if (thrown != null) {
                assertThat(thrown).as(input).isExactlyInstanceOf(InvalidTicketCodeException.class);
            }
        }
    }

    @Test
    void reasonsHaveStableSnakeCaseCodes() {
        assertThat(Reason.BAD_SIGNATURE.code()).isEqualTo("bad_signature");
        assertThat(Reason.UNSUPPORTED_VERSION.code()).isEqualTo("unsupported_version");
    }

    /** Same bytes, but the last character sets bits that base64url decoding ignores. */
    static String nonCanonical(String sig) {
        char last = sig.charAt(sig.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        return sig.substring(0, sig.length() - 1) + alphabet.charAt(alphabet.indexOf(last) + 1);
    }

    static String withNegativeSerial(String sig) {
        ByteBuffer payload = ByteBuffer.allocate(40)
                .putLong(TICKET.getMostSignificantBits())
                .putLong(TICKET.getLeastSignificantBits())
                .putLong(EVENT.getMostSignificantBits())
                .putLong(EVENT.getLeastSignificantBits())
                .putLong(-5);
        return "TV1." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.array()) + "." + sig;
    }
}
