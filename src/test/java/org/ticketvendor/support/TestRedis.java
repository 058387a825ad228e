package org.ticketvendor.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * The Redis server for the tests that need one: this machine's on 127.0.0.1:6379 when it answers (CI
 * has one), otherwise one started from the {@code embedded-redis} binaries for this JVM and stopped when
 * it exits. Where neither works (an unsupported platform), those tests are skipped, saying why.
 */
public final class TestRedis {

    private static final Logger log = LoggerFactory.getLogger(TestRedis.class);
    private static final Object LOCK = new Object();
    private static volatile String url;

    private TestRedis() {}

    /** {@code redis://127.0.0.1:<port>} of a running server; skips the calling test when there is none. */
    public static String url() {
        synchronized (LOCK) {
            if (url == null) {
                if (answers(6379)) {
                    url = "redis://127.0.0.1:6379";
                } else {
                    int port = freePort();
                    RedisServer server = startOn(port);
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server)));
                    log.info("No Redis on 127.0.0.1:6379: started an embedded one on port {}", port);
                    url = "redis://127.0.0.1:" + port;
                }
            }
            return url;
        }
    }

    /**
     * Starts a throw-away server (no persistence) on the port; skips the calling test when this platform
     * has no embedded binary.
     */
    public static RedisServer startOn(int port) {
        try {
            RedisServer server = RedisServer.newRedisServer()
                    .bind("127.0.0.1")
                    .port(port)
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .build();
            server.start();
            return server;
        } catch (IOException | RuntimeException ex) {
            Assumptions.abort("No Redis on 127.0.0.1:6379 and the embedded one cannot start here (" + ex
                    + "): skipping the Redis tests");
            throw new IllegalStateException(ex);
        }
    }

    public static void stop(RedisServer server) {
        try {
            server.stop();
        } catch (IOException ex) {
            log.warn("Could not stop the embedded Redis", ex);
        }
    }

    /** A port nothing listens on (at the time of the call). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Whether a Redis server answers PING on the loopback port. */
    public static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(5);
            return "+PONG".equals(new String(reply, StandardCharsets.US_ASCII));
        } catch (IOException ex) {
            return false;
        }
    }
}
