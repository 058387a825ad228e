package org.ticketvendor.tickets.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitArray;
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
    private static final Map<EncodeHintType, Object> HINTS =
            Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, QUIET_ZONE_MODULES);

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
            BitMatrix matrix = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, size, size, HINTS);
            ByteArrayOutputStream png = new ByteArrayOutputStream(4096);
            ImageIO.write(image(matrix), "png", png);
            return png.toByteArray();
        } catch (WriterException e) {
            throw new IllegalArgumentException("content does not fit in a QR code", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a PNG to memory", e);
        }
    }

    /**
     * A 1-bit image of the matrix, its packed bytes filled directly: pixel by pixel ({@code
     * MatrixToImageWriter}) costs ten times as much, and tickets are rendered while paying.
     */
    private static BufferedImage image(BitMatrix matrix) {
        int width = matrix.getWidth();
        int height = matrix.getHeight();
        // TYPE_BYTE_BINARY's palette: 0 is black, 1 is white; 8 pixels a byte, rows padded to bytes.
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_BINARY);
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        int stride = (width + 7) / 8;
        BitArray row = new BitArray(width);
        for (int y = 0; y < height; y++) {
            row = matrix.getRow(y, row);
            int offset = y * stride;
            for (int x = 0; x < width; x++) {
                if (!row.get(x)) {
                    pixels[offset + (x >> 3)] |= (byte) (0x80 >>> (x & 7));
                }
            }
        }
        return image;
    }
}
