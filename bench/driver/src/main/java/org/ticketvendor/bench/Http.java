package org.ticketvendor.bench;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * HTTP over the JDK client, with at most {@code concurrency} requests in flight: further requests wait
 * in a FIFO queue (as users would wait for a connection), and their latency still runs from the moment
 * they were due. A request that waited longer than the timeout is given up without being sent.
 */
final class Http {

    /**
     * What came back: an HTTP status, or -1 with {@code error} set: timeout (sent, no answer in time),
     * timeout_queued (never sent: no connection was free in time), conn_error, error.
     */
    record Answer(int status, String body, String error, long endNanos) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        String statusLabel() {
            return error != null ? error : Integer.toString(status);
        }
    }

    final String baseUrl;
    private final HttpClient client;
    private final ExecutorService callbacks;
    private final int concurrency;
    private final long timeoutNanos;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int inFlight;

    Http(String baseUrl, int concurrency, Duration timeout) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.concurrency = concurrency;
        this.timeoutNanos = timeout.toNanos();
        this.callbacks = Executors.newFixedThreadPool(3, r -> {
            Thread t = new Thread(r, "http-callback");
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(callbacks)
                .build();
    }

    HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    static HttpRequest.BodyPublisher json(String body) {
        return HttpRequest.BodyPublishers.ofString(body);
    }

    /** Sends when a slot is free; the answer's latency should be taken from {@code dueNanos} by the caller. */
    CompletableFuture<Answer> send(HttpRequest.Builder builder, long dueNanos) {
        CompletableFuture<Answer> result = new CompletableFuture<>();
        acquire(() -> {
            long now = System.nanoTime();
            long left = timeoutNanos - (now - dueNanos);
            if (left <= 0) {
                release();
                // Given up before it could be sent: every connection was busy for the whole timeout.
                result.complete(new Answer(-1, null, "timeout_queued", now));
                return;
            }
            HttpRequest request = builder.timeout(Duration.ofNanos(Math.max(left, TimeUnit.MILLISECONDS.toNanos(500))))
                    .build();
            client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                long end = System.nanoTime();
                release();
                if (failure == null) {
                    result.complete(new Answer(response.statusCode(), response.body(), null, end));
                } else {
                    result.complete(new Answer(-1, null, classify(failure), end));
                }
            });
        });
        return result;
    }

    /** Blocking send, for setup calls. */
    Answer call(HttpRequest.Builder builder) {
        return send(builder, System.nanoTime()).join();
    }

    private static String classify(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof HttpTimeoutException) {
            return "timeout";
        }
        if (cause instanceof ConnectException || cause instanceof IOException) {
            return "conn_error";
        }
        return "error";
    }

    private void acquire(Runnable start) {
        synchronized (this) {
            if (inFlight >= concurrency) {
                waiting.add(start);
                return;
            }
            inFlight++;
        }
        start.run();
    }

    private void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                inFlight--;
                return;
            }
        }
        // The slot passes straight to the next waiting request.
        callbacks.execute(next);
    }

    synchronized int inFlight() {
        return inFlight;
    }

    synchronized int queued() {
        return waiting.size();
    }

    void close() {
        callbacks.shutdownNow();
    }
}
