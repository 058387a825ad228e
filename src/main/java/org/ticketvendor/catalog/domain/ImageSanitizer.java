package org.ticketvendor.catalog.domain;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Turns uploaded bytes into an image safe to store and serve, or refuses them. What the bytes are is
 * decided by their content (the format's signature), never by a file name or Content-Type; only PNG,
 * JPEG and WebP are decoded, each by its own reader. The dimensions are read from the header first, and an
 * image larger than the limit is refused before any pixel memory is taken (decompression bombs). The
 * decoded pixels are then encoded again, which drops all metadata (EXIF with GPS positions, comments,
 * embedded profiles) and anything hidden after the image data: PNG stays PNG, JPEG stays JPEG, WebP
 * (which ImageIO can read but not write) becomes PNG when it has transparency and JPEG when not.
 *
 * <p>Reading and writing happen in memory, never in temporary files.
 */
public final class ImageSanitizer {

    /** JPEG quality of re-encoded images: visually lossless for photos, a third of the size of 1.0. */
    private static final float JPEG_QUALITY = 0.9f;

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};

    static {
        // Plugins (WebP) in nested jars of the packaged application are found only by a scan with the
        // application's class loader.
        ImageIO.scanForPlugins();
    }

    private ImageSanitizer() {}

    /** The formats accepted, by signature. */
    public enum Format {
        PNG("png"),
        JPEG("jpeg"),
        WEBP("webp");

        private final String imageIoName;

        Format(String imageIoName) {
            this.imageIoName = imageIoName;
        }
    }

    /** Why an upload was refused. */
    public enum Refusal {
        /** Not a PNG, JPEG or WebP by its content (another format, or not an image at all). */
        UNSUPPORTED_TYPE,
        /** Looks like one of them but does not decode (truncated, corrupt). */
        UNREADABLE,
        /** Wider or higher than allowed. */
        TOO_LARGE
    }

    /** The upload was refused. */
    public static final class ImageRejectedException extends RuntimeException {

        private final Refusal refusal;

        ImageRejectedException(Refusal refusal, String message) {
            super(message);
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    /** An image ready to store: its new bytes and what they are. */
    public record Sanitized(byte[] bytes, String contentType, String extension, int width, int height, String sha256) {}

    /**
     * The image re-encoded without metadata.
     *
     * @param maxDimension the most pixels across and down
     * @throws ImageRejectedException when the bytes are no image of ours, do not decode, or are too large
     */
    public static Sanitized sanitize(byte[] upload, int maxDimension) {
        Format format = sniff(upload)
                .orElseThrow(() -> new ImageRejectedException(
                        Refusal.UNSUPPORTED_TYPE, "The body is not a PNG, JPEG or WebP image."));
        BufferedImage image = decode(upload, format, maxDimension);
        boolean png = format == Format.PNG
                || (format == Format.WEBP && image.getColorModel().hasAlpha());
        byte[] bytes = png ? writePng(image) : writeJpeg(image);
        return new Sanitized(
                bytes,
                png ? "image/png" : "image/jpeg",
                png ? "png" : "jpg",
                image.getWidth(),
                image.getHeight(),
                sha256(bytes));
    }

    /** The format the content says it is, from its first bytes. */
    public static Optional<Format> sniff(byte[] bytes) {
        if (startsWith(bytes, PNG)) {
            return Optional.of(Format.PNG);
        }
        if (startsWith(bytes, JPEG)) {
            return Optional.of(Format.JPEG);
        }
        if (bytes.length >= 12
                && startsWith(bytes, new byte[] {'R', 'I', 'F', 'F'})
                && bytes[8] == 'W'
                && bytes[9] == 'E'
                && bytes[10] == 'B'
                && bytes[11] == 'P') {
            return Optional.of(Format.WEBP);
        }
        return Optional.empty();
    }

    private static BufferedImage decode(byte[] upload, Format format, int maxDimension) {
        ImageReader reader = reader(format);
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(upload))) {
            // Forward only, metadata ignored: nothing is kept of it, so nothing needs parsing.
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width < 1 || height < 1) {
                throw unreadable(null);
            }
            if (width > maxDimension || height > maxDimension) {
                throw new ImageRejectedException(
                        Refusal.TOO_LARGE,
                        "The image is " + width + "x" + height + " pixels; at most " + maxDimension + "x" + maxDimension
                                + " are accepted.");
            }
            BufferedImage image = reader.read(0);
            if (image == null || image.getWidth() != width || image.getHeight() != height) {
                throw unreadable(null);
            }
            return image;
        } catch (ImageRejectedException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Decoders of hostile input fail in many ways (IIOException, index and argument errors).
            throw unreadable(e);
        } finally {
            reader.dispose();
        }
    }

    private static ImageReader reader(Format format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName);
        if (!readers.hasNext()) {
            throw new IllegalStateException("No ImageIO reader for " + format + " (is the plugin on the classpath?)");
        }
        return readers.next();
    }

    private static byte[] writePng(BufferedImage image) {
        return write(withType(image, image.getColorModel().hasAlpha()), "png", null);
    }

    private static byte[] writeJpeg(BufferedImage image) {
        return write(withType(image, false), "jpeg", JPEG_QUALITY);
    }

    private static byte[] write(BufferedImage image, String formatName, Float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(formatName).next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (quality != null) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new IllegalStateException("Encoding a decoded image failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** The pixels as 8-bit (A)RGB, which every writer takes (decoders also give 16-bit, grey, indexed, CMYK). */
    private static BufferedImage withType(BufferedImage image, boolean alpha) {
        int type = alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        if (image.getType() == type) {
            return image;
        }
        BufferedImage converted = new BufferedImage(image.getWidth(), image.getHeight(), type);
        Graphics2D g = converted.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return converted;
    }

    private static ImageRejectedException unreadable(Exception cause) {
        ImageRejectedException e =
                new ImageRejectedException(Refusal.UNREADABLE, "The image cannot be decoded (truncated or corrupt).");
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
