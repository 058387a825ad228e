package org.ticketvendor.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.ticketvendor.support.IntegrationTest;

/** Requests the container refuses before the application sees them still get a problem, not an HTML page. */
@IntegrationTest
class ContainerErrorsIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void aRequestLineOverTheSizeLimitIsA400Problem() throws IOException {
        String response = exchange("GET /api/v1/events?q=" + "x".repeat(20_000) + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n");

        assertProblem(response, 400, "bad_request");
    }

    @Test
    void headersOverTheSizeLimitAreA400Problem() throws IOException {
        String response = exchange("GET /api/v1/events HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "y".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");

        assertProblem(response, 400, "bad_request");
    }

    @Test
    void anInvalidUriIsA400Problem() throws IOException {
        String response =
                exchange("GET /api/v1/events/%zz%%/tiers HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertProblem(response, 400, "bad_request");
    }

    private static void assertProblem(String response, int status, String code) {
        assertThat(response).startsWith("HTTP/1.1 " + status);
        assertThat(response.toLowerCase()).contains("content-type: application/problem+json");
        assertThat(response).contains("\"code\":\"" + code + "\"").contains("\"status\":" + status);
        assertThat(response).doesNotContain("<html");
    }

    /** Raw bytes on a socket: an HTTP client would refuse to send most of these. */
    private String exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
