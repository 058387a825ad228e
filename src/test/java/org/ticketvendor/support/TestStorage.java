package org.ticketvendor.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The object storage directory of this test JVM (event images): one per run under {@code
 * target/test-storage}, deleted when the JVM exits, so a test run leaves no files behind.
 */
public final class TestStorage {

    private static final Path ROOT = Path.of("target", "test-storage").toAbsolutePath();
    private static Path directory;

    private TestStorage() {}

    /** This run's directory, created on first use. */
    public static synchronized Path directory() {
        if (directory == null) {
            try {
                Files.createDirectories(ROOT);
                directory = Files.createTempDirectory(ROOT, "run-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path created = directory;
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                deleteTree(created);
                                ROOT.toFile().delete(); // only when no other run's directory is left
                            },
                            "test-storage-cleanup"));
        }
        return directory;
    }

    /** Deletes the directory and everything in it; quietly, as it runs when the JVM exits. */
    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // left for the next clean build
                }
            });
        } catch (IOException e) {
            // left for the next clean build
        }
    }
}
