package org.ticketvendor.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged application ({@code java -jar target/ticket-vendor-*.jar}) as a separate process, the way
 * an operator runs it: its own environment, its own log file, stopped with SIGTERM or killed with SIGKILL.
 */
final class PackagedApp implements AutoCloseable {

    /** Variables of the test's own environment that would change what the app does; never passed on. */
    private static final List<String> INHERITED_PREFIXES = List.of(
            "DATABASE_URL",
            "TEST_DATABASE_URL",
            "DATA_DIR",
            "PORT",
            "REDIS_URL",
            "JWT_SECRET",
            "ADMIN_",
            "STRIPE_",
            "SMTP_",
            "SENDGRID_",
            "MAIL_FROM",
            "TICKET_SIGNING_SECRET",
            "TICKETVENDOR_",
            "SPRING_",
            "JAVA_TOOL_OPTIONS",
            "JDK_JAVA_OPTIONS");

    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);

    private final Process process;
    private final Path log;
    private final int port;

    private PackagedApp(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts the jar with {@code env} (plus a free {@code PORT} unless given) and waits until it is ready.
     *
     * @param log the file that receives the app's output (appended to, so restarts share one log)
     */
    static PackagedApp start(Map<String, String> env, Path log) {
        Map<String, String> all = new LinkedHashMap<>(env);
        int port = all.containsKey("PORT") ? Integer.parseInt(all.get("PORT")) : freePort();
        all.put("PORT", Integer.toString(port));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                // Start-up speed matters more here than peak throughput.
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar().toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(name -> INHERITED_PREFIXES.stream()
                .anyMatch(prefix -> prefix.endsWith("_") ? name.startsWith(prefix) : name.equals(prefix)));
        builder.environment().putAll(all);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PackagedApp app = new PackagedApp(process, log, port);
        app.awaitReady();
        return app;
    }

    /**
     * Where an app's output goes: {@code target/reliability/<name>.log}, kept after the run (a temporary
     * directory would take the evidence of a failure with it).
     */
    static Path logFile(String name) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "reliability"));
            Path file = dir.resolve(name + ".log");
            Files.deleteIfExists(file);
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The jar the build packaged: {@code -Dreliability.jar}, else the one in {@code target/}. */
    static Path jar() {
        String given = System.getProperty("reliability.jar");
        if (given != null && !given.isBlank()) {
            return Path.of(given).toAbsolutePath();
        }
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("ticket-vendor-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-plain.jar"))
                    .findFirst()
                    .map(Path::toAbsolutePath)
                    .orElseThrow(() -> new IllegalStateException(
                            "No packaged jar in target/: run ./mvnw -Preliability verify (it packages first)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook runs, no connection is closed, nothing is flushed. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The app (pid " + pid() + ") survived SIGKILL");
        }
    }

    /** SIGTERM, as a container runtime or systemd stops it; waits for the graceful shutdown. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            throw new IllegalStateException("The app (pid " + pid() + ") did not stop within 90 s of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }

    /** The last lines of the app's log, for failure messages. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** Log lines containing {@code text}, e.g. {@code " ERROR "}. */
    List<String> logLines(String text) {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(line -> line.contains(text))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest readiness = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "The app exited during start-up (exit " + process.exitValue() + "):\n" + logTail(60));
            }
            try {
                if (client.send(readiness, HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(Duration.ofMillis(500));
        }
        process.destroyForcibly();
        throw new IllegalStateException("The app was not ready after " + START_TIMEOUT + ":\n" + logTail(60));
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
