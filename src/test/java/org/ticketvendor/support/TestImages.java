package org.ticketvendor.support;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/** Image bodies for tests: real PNG, JPEG and WebP files, and crafted ones (hidden text, lying headers). */
public final class TestImages {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** A 1x1 lossy WebP (no transparency). */
    public static final byte[] WEBP_LOSSY =
            Base64.getDecoder().decode("UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA");

    /** A 1x1 WebP with an alpha channel. */
    public static final byte[] WEBP_ALPHA = Base64.getDecoder()
            .decode(
                    "UklGRkoAAABXRUJQVlA4WAoAAAAQAAAAAAAAAAAAQUxQSAwAAAARBxAR/Q9ERP8DAABWUDggGAAAABQBAJ0BKgEAAQAAAP4AAA3AAP7mtQAAAA==");

    private TestImages() {}

    /** A PNG of this size: a gradient, so it is not trivially small. */
    public static byte[] png(int width, int height) {
        return encode(picture(width, height, BufferedImage.TYPE_INT_ARGB), "png");
    }

    /** A PNG of random pixels: hardly compressible, about {@code 3 * width * height} bytes. */
    public static byte[] noisyPng(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        java.util.SplittableRandom random = new java.util.SplittableRandom(width * 31L + height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return encode(image, "png");
    }

    public static byte[] jpeg(int width, int height) {
        return encode(picture(width, height, BufferedImage.TYPE_INT_RGB), "jpeg");
    }

    public static byte[] gif(int width, int height) {
        return encode(picture(width, height, BufferedImage.TYPE_INT_RGB), "gif");
    }

    /** A PNG with a {@code tEXt} chunk holding the text, and the text again after its end. */
    public static byte[] pngWithHiddenText(int width, int height, String text) {
        byte[] png = png(width, height);
        byte[] header = Arrays.copyOf(png, 8 + 25); // signature and IHDR
        byte[] rest = Arrays.copyOfRange(png, header.length, png.length);
        byte[] textChunk = chunk("tEXt", ("Comment\0" + text).getBytes(StandardCharsets.ISO_8859_1));
        return concat(header, textChunk, rest, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A JPEG with a comment segment holding the text, and an EXIF-like APP1 segment holding it too. */
    public static byte[] jpegWithHiddenText(int width, int height, String text) {
        byte[] jpeg = jpeg(width, height);
        byte[] value = text.getBytes(StandardCharsets.ISO_8859_1);
        byte[] comment = segment(0xFE, value);
        byte[] exif = segment(0xE1, concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), value));
        return concat(Arrays.copyOf(jpeg, 2), exif, comment, Arrays.copyOfRange(jpeg, 2, jpeg.length));
    }

    /**
     * A small, valid-looking PNG whose header claims these dimensions: decoding it would take {@code 3 *
     * width * height} bytes, so it must be refused from the header alone.
     */
    public static byte[] pngClaiming(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height);
        ihdr.put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[1024]);
        deflater.finish();
        byte[] compressed = new byte[2048];
        int length = deflater.deflate(compressed);
        deflater.end();
        return concat(
                PNG_SIGNATURE,
                chunk("IHDR", ihdr.array()),
                chunk("IDAT", Arrays.copyOf(compressed, length)),
                chunk("IEND", new byte[0]));
    }

    /** The image the bytes decode to (ImageIO, WebP included), or an exception. */
    public static BufferedImage decode(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                throw new IllegalArgumentException("Not an image ImageIO reads");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code needle} occurs in {@code bytes}. */
    public static boolean contains(byte[] bytes, String needle) {
        return new String(bytes, StandardCharsets.ISO_8859_1).contains(needle);
    }

    private static BufferedImage picture(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        try {
            for (int x = 0; x < width; x++) {
                g.setColor(new Color((x * 255) / Math.max(1, width - 1), 80, 160));
                g.drawLine(x, 0, x, height - 1);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("No ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] chunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length)
                .putInt(data.length)
                .put(typeBytes)
                .put(data)
                .putInt((int) crc.getValue())
                .array();
    }

    private static byte[] segment(int marker, byte[] data) {
        return ByteBuffer.allocate(4 + data.length)
                .put((byte) 0xFF)
                .put((byte) marker)
                .putShort((short) (data.length + 2))
                .put(data)
                .array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
