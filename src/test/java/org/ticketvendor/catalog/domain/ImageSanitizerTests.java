package org.ticketvendor.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.ticketvendor.catalog.domain.ImageSanitizer.Format;
import org.ticketvendor.catalog.domain.ImageSanitizer.ImageRejectedException;
import org.ticketvendor.catalog.domain.ImageSanitizer.Refusal;
import org.ticketvendor.catalog.domain.ImageSanitizer.Sanitized;
import org.ticketvendor.support.TestImages;

class ImageSanitizerTests {

    @Test
    void recognisesFormatsByTheirSignatureOnly() {
        assertThat(ImageSanitizer.sniff(TestImages.png(2, 2))).contains(Format.PNG);
        assertThat(ImageSanitizer.sniff(TestImages.jpeg(2, 2))).contains(Format.JPEG);
        assertThat(ImageSanitizer.sniff(TestImages.WEBP_LOSSY)).contains(Format.WEBP);
        assertThat(ImageSanitizer.sniff(TestImages.gif(2, 2))).isEmpty();
        assertThat(ImageSanitizer.sniff("RIFF....WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1)))
                .isEmpty();
        assertThat(ImageSanitizer.sniff(new byte[0])).isEmpty();
        assertThat(ImageSanitizer.sniff(new byte[] {(byte) 0x89, 'P'})).isEmpty();
    }

    @Test
    void reEncodesPngAsPngAndJpegAsJpegWithTheHashOfWhatIsStored() throws Exception {
        Sanitized png = ImageSanitizer.sanitize(TestImages.png(64, 32), 4096);
        assertThat(png.contentType()).isEqualTo("image/png");
        assertThat(png.extension()).isEqualTo("png");
        assertThat(png.width()).isEqualTo(64);
        assertThat(png.height()).isEqualTo(32);
        assertThat(png.sha256())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(png.bytes())));

        Sanitized jpeg = ImageSanitizer.sanitize(TestImages.jpeg(64, 32), 4096);
        assertThat(jpeg.contentType()).isEqualTo("image/jpeg");
        assertThat(jpeg.extension()).isEqualTo("jpg");
        assertThat(ImageSanitizer.sniff(jpeg.bytes())).contains(Format.JPEG);
    }

    @Test
    void takesTheColourModelsDecodersProduce() throws IOException {
        for (int type : new int[] {
            BufferedImage.TYPE_BYTE_GRAY,
            BufferedImage.TYPE_USHORT_GRAY,
            BufferedImage.TYPE_BYTE_INDEXED,
            BufferedImage.TYPE_BYTE_BINARY,
            BufferedImage.TYPE_4BYTE_ABGR
        }) {
            byte[] png = write(new BufferedImage(9, 7, type), "png");
            Sanitized result = ImageSanitizer.sanitize(png, 16);
            assertThat(result.width()).as("type " + type).isEqualTo(9);
            assertThat(TestImages.decode(result.bytes()).getHeight()).isEqualTo(7);
        }
        byte[] greyJpeg = write(new BufferedImage(9, 7, BufferedImage.TYPE_BYTE_GRAY), "jpeg");
        assertThat(ImageSanitizer.sanitize(greyJpeg, 16).contentType()).isEqualTo("image/jpeg");
    }

    @Test
    void refusesWhatItCannotUse() {
        assertRefused(TestImages.gif(4, 4), Refusal.UNSUPPORTED_TYPE);
        assertRefused("%PDF-1.7".getBytes(StandardCharsets.US_ASCII), Refusal.UNSUPPORTED_TYPE);
        assertRefused(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0, 0, 0}, Refusal.UNREADABLE);
        assertRefused("RIFF\0\0\0\0WEBPVP8 garbage".getBytes(StandardCharsets.ISO_8859_1), Refusal.UNREADABLE);
        assertRefused(TestImages.pngClaiming(0, 5), Refusal.UNREADABLE);
        assertRefused(TestImages.pngClaiming(-1, 5), Refusal.UNREADABLE);
        assertRefused(TestImages.pngClaiming(Integer.MAX_VALUE, Integer.MAX_VALUE), Refusal.TOO_LARGE);
        assertRefused(TestImages.pngClaiming(17, 16), Refusal.TOO_LARGE);
        assertRefused(TestImages.png(16, 17), Refusal.TOO_LARGE);
        assertThat(ImageSanitizer.sanitize(TestImages.png(16, 16), 16).width()).isEqualTo(16);
    }

    private static void assertRefused(byte[] bytes, Refusal refusal) {
        assertThatThrownBy(() -> ImageSanitizer.sanitize(bytes, 16))
                .isInstanceOfSatisfying(ImageRejectedException.class, e -> assertThat(e.refusal())
                        .isEqualTo(refusal));
    }

    private static byte[] write(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).isTrue();
        return out.toByteArray();
    }
}
