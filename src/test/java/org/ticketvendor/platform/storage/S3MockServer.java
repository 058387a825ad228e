package org.ticketvendor.platform.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ticketvendor.support.TestStorage;

/**
 * A real S3-compatible server for tests: Adobe's S3Mock, run from its executable jar (which the build
 * copies to {@code target/s3mock}) as a separate process, since in the test JVM its Spring Boot application
 * would share the classpath with ours. Its files live in a temporary directory under {@code target},
 * deleted with its log when the server is closed.
 */
final class S3MockServer implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(90);

    private final Process process;
    private final Path directory;
    private final int port;
    private final Thread reaper;

    private S3MockServer(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
        // Never outlive the test JVM, even when a test run is aborted.
        this.reaper = new Thread(process::destroyForcibly, "s3mock-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    static S3MockServer start() throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("s3mock.jar", "target/s3mock/s3mock-exec.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    jar + " is missing: run the tests through Maven (./mvnw test), which copies S3Mock there");
        }
        Files.createDirectories(Path.of("target"));
        Path directory = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "s3mock-");
        int http = freePort();
        int https = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(
                        java,
                        "-Xmx256m",
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        "-jar",
                        jar.toAbsolutePath().toString(),
                        "--http.port=" + http,
                        "--server.port=" + https,
                        "--com.adobe.testing.s3mock.store.root=" + directory.resolve("store"),
                        "--spring.main.banner-mode=off"))
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("s3mock.log").toFile())
                .start();
        S3MockServer server = new S3MockServer(process, directory, http);
        try {
            server.awaitReady();
        } catch (RuntimeException | InterruptedException e) {
            String log = Files.readString(directory.resolve("s3mock.log"));
            server.close();
            throw new IllegalStateException("S3Mock did not start:\n" + tail(log), e);
        }
        return server;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook runs anyway
        }
        TestStorage.deleteTree(directory);
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Mock exited with " + process.exitValue());
            }
            if (answers()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("S3Mock did not answer within " + STARTUP);
    }

    private boolean answers() {
        try {
            HttpURLConnection connection =
                    (HttpURLConnection) endpoint().resolve("/").toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2000);
            try {
                return connection.getResponseCode() == 200;
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(String log) {
        return log.length() <= 4000 ? log : log.substring(log.length() - 4000);
    }
}
