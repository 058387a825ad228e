package org.ticketvendor.tickets.qr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ticketvendor.tickets.TicketsSettings;

class QrCodesTests {

    @TempDir
    Path dataDir;

    @Test
    void rendersATicketCodeThatReadsBackToTheSameText() throws Exception {
        String code = TicketSignerTests.signer(TicketSignerTests.SECRET, dataDir)
                .issue(UUID.randomUUID(), UUID.randomUUID(), 2);
        byte[] png = new QrCodes(new TicketsSettings(null, 400)).png(code);

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(400);
        assertThat(image.getHeight()).isEqualTo(400);
        Result result = decode(image);
        assertThat(result.getText()).isEqualTo(code);
        assertThat(result.getBarcodeFormat()).isEqualTo(BarcodeFormat.QR_CODE);
        assertThat(result.getResultMetadata()).containsEntry(ResultMetadataType.ERROR_CORRECTION_LEVEL, "M");
    }

    @Test
    void leavesAWhiteQuietZoneAroundTheSymbol() throws Exception {
        BufferedImage image =
                ImageIO.read(new ByteArrayInputStream(new QrCodes(new TicketsSettings(null, 300)).png("TV1.x")));
        assertThat(image.getWidth()).isEqualTo(300);
        for (int i = 0; i < 300; i++) {
            assertThat(image.getRGB(i, 0) & 0xffffff).isEqualTo(0xffffff);
            assertThat(image.getRGB(0, i) & 0xffffff).isEqualTo(0xffffff);
        }
        assertThat(decode(image).getText()).isEqualTo("TV1.x");
    }

    @Test
    void refusesEmptyOversizedOrNonAsciiContent() {
        QrCodes qr = new QrCodes(new TicketsSettings(null, 400));
        assertThatIllegalArgumentException().isThrownBy(() -> qr.png(null));
        assertThatIllegalArgumentException().isThrownBy(() -> qr.png(""));
        assertThatIllegalArgumentException().isThrownBy(() -> qr.png("A".repeat(QrCodes.MAX_CONTENT_LENGTH + 1)));
        assertThatIllegalArgumentException().isThrownBy(() -> qr.png("Ticket für Anna"));
        assertThatIllegalArgumentException().isThrownBy(() -> qr.png("line\nbreak"));
        assertThat(qr.png("A".repeat(QrCodes.MAX_CONTENT_LENGTH))).isNotEmpty();
    }

    static Result decode(BufferedImage image) throws Exception {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        return new MultiFormatReader()
                .decode(
                        bitmap,
                        Map.of(
                                DecodeHintType.POSSIBLE_FORMATS,
                                List.of(BarcodeFormat.QR_CODE),
                                DecodeHintType.PURE_BARCODE,
                                Boolean.FALSE));
    }
}
