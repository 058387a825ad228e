package org.ticketvendor.tickets.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.springframework.stereotype.Component;
import org.ticketvendor.tickets.TicketsSettings;

/**
 * Renders ticket codes as PNG QR codes. Level M survives a scuffed or partly covered print (about
 * 15% damage) while keeping a 145-character code at a size phone cameras read easily; the 4-module
 * quiet zone is what the QR standard asks for around the symbol.
 */
@Component
public class QrCodes {

    /** Far above a ticket code's length; keeps rendering cheap whatever a caller passes. */
    public static final int MAX_CONTENT_LENGTH = 512;

    private static final int QUIET_ZONE_MODULES = 4;
    // Printable ASCII only: it is encoded as is, without a character set marker some scanners mishandle.
    // One fixed mask pattern: choosing the best of eight scores every one of them and was most of the
    // encoding time; any of the eight is valid, the choice only nudges how evenly modules spread.
    private static final Map<EncodeHintType, Object> HINTS = Map.of(
            EncodeHintType.ERROR_CORRECTION,
            ErrorCorrectionLevel.M,
            EncodeHintType.MARGIN,
            QUIET_ZONE_MODULES,
            EncodeHintType.QR_MASK_PATTERN,
            0);

    private final int size;

    public QrCodes(TicketsSettings settings) {
        this.size = settings.qrSize();
    }

    /**
     * A square PNG of the configured size showing {@code content}.
     *
     * @throws IllegalArgumentException when content is empty, longer than {@value #MAX_CONTENT_LENGTH}
     *     characters or not printable ASCII
     */
    public byte[] png(String content) {
        if (content == null || content.isEmpty() || content.length() > MAX_CONTENT_LENGTH) {
            throw new IllegalArgumentException("QR content must be 1 to " + MAX_CONTENT_LENGTH + " characters");
        }
        if (!content.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("QR content must be printable ASCII");
        }
        try {
            // Size 0: one bit per module (quiet zone included); scaled up while drawing.
            BitMatrix modules = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 0, 0, HINTS);
            return png(image(modules));
        } catch (WriterException e) {
            throw new IllegalArgumentException("content does not fit in a QR code", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a PNG to memory", e);
        }
    }

    /**
     * A {@code size}-pixel square 1-bit image of the matrix (one bit a module, as {@code
     * QRCodeWriter} gives it for size 0), each module a square of pixels, centred on white. The
     * packed bytes are filled directly: pixel by pixel ({@code MatrixToImageWriter}) costs several
     * times as much, and tickets are rendered while paying.
     */
    private BufferedImage image(BitMatrix modules) {
        int count = modules.getWidth();
        int scale = Math.max(1, size / count);
        int offset = Math.max(0, (size - count * scale) / 2);
        int side = Math.max(size, count * scale);
        // TYPE_BYTE_BINARY's palette: 0 is black, 1 is white; 8 pixels a byte, rows padded to bytes.
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_BINARY);
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        java.util.Arrays.fill(pixels, (byte) 0xFF);
        int stride = (side + 7) / 8;
        for (int my = 0; my < count; my++) {
            for (int mx = 0; mx < count; mx++) {
                if (!modules.get(mx, my)) {
                    continue;
                }
                for (int y = offset + my * scale, endY = y + scale; y < endY; y++) {
                    int row = y * stride;
                    for (int x = offset + mx * scale, endX = x + scale; x < endX; x++) {
                        pixels[row + (x >> 3)] &= (byte) ~(0x80 >>> (x & 7));
                    }
                }
            }
        }
        return image;
    }

    /** PNG bytes, written in memory (ImageIO's default stream caches to a temporary file). */
    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream(4096);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(png)) {
            writer.setOutput(out);
            writer.write(image);
        } finally {
            writer.dispose();
        }
        return png.toByteArray();
    }
}
