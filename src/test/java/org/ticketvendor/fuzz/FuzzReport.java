package org.ticketvendor.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * Counts every exchange and keeps the ones that break a rule: any 5xx, no response at all, a 4xx
 * whose body is not an RFC 9457 problem (application/problem+json with the same status), a 2xx that
 * says JSON but is not.
 */
final class FuzzReport {

    /** A broken rule, with the request that broke it. */
    record Failure(String rule, String operation, String strategy, int status, String request, String response) {

        @Override
        public String toString() {
            return "[" + rule + "] " + operation + " (" + strategy + ") -> " + status + "\n  request: " + request
                    + "\n  response: " + response;
        }
    }

    private static final int KEEP = 300;

    private final Map<Integer, Long> byStatus = new TreeMap<>();
    private final Map<String, Map<Integer, Long>> byOperation = new TreeMap<>();
    private final Map<String, Long> byStrategy = new TreeMap<>();
    private final List<Failure> failures = new ArrayList<>();
    private final AtomicLong failureCount = new AtomicLong();
    private final AtomicLong fuzzed = new AtomicLong();
    private final AtomicLong setup = new AtomicLong();
    private final Map<String, Long> nanosByOperation = new TreeMap<>();
    private final Map<String, List<String>> refusedValid = new TreeMap<>();
    private final Map<String, Long> validSuccesses = new TreeMap<>();
    private long slowestNanos;
    private String slowest = "";

    synchronized void record(FuzzClient.Request request, FuzzClient.Response response, long nanos) {
        if (request.operation().equals("setup")) {
            setup.incrementAndGet();
        } else {
            fuzzed.incrementAndGet();
            byStatus.merge(response.status(), 1L, Long::sum);
            byOperation
                    .computeIfAbsent(request.operation(), k -> new TreeMap<>())
                    .merge(response.status(), 1L, Long::sum);
            byStrategy.merge(request.strategy().split(":")[0], 1L, Long::sum);
            nanosByOperation.merge(request.operation(), nanos, Long::sum);
            if (request.strategy().equals("valid")) {
                validSuccesses.merge(request.operation(), response.status() / 100 == 2 ? 1L : 0L, Long::sum);
            }
            if (request.strategy().equals("valid") && response.status() >= 400) {
                List<String> samples = refusedValid.computeIfAbsent(request.operation(), k -> new ArrayList<>());
                if (samples.size() < 3) {
                    samples.add(response.status() + " " + FuzzClient.abbreviate(response.text(), 160));
                }
            }
        }
        if (nanos > slowestNanos) {
            slowestNanos = nanos;
            slowest = request.method() + " " + FuzzClient.abbreviate(request.target(), 120) + " (" + request.strategy()
                    + ")";
        }
        String rule = broken(request, response);
        if (rule != null) {
            fail(rule, request, response.status(), FuzzClient.abbreviate(response.text(), 600));
        }
    }

    synchronized void noResponse(FuzzClient.Request request, Exception e) {
        if (!request.operation().equals("setup")) {
            fuzzed.incrementAndGet();
            byStatus.merge(-1, 1L, Long::sum);
        }
        fail("no response", request, -1, e.toString());
    }

    private void fail(String rule, FuzzClient.Request request, int status, String response) {
        failureCount.incrementAndGet();
        if (failures.size() < KEEP) {
            failures.add(
                    new Failure(rule, request.operation(), request.strategy(), status, request.describe(), response));
        }
    }

    private static final java.util.Set<String> DESIGNED_REFUSALS = java.util.Set.of("exports_busy", "server_busy");

    private static boolean isProblem(FuzzClient.Response response, int status) {
        if (!response.contentType().startsWith("application/problem+json")) {
            return false;
        }
        JsonNode problem = response.json();
        return problem != null
                && problem.isObject()
                && problem.path("status").asInt(-1) == status
                && problem.path("title").isString();
    }

    private static String broken(FuzzClient.Request request, FuzzClient.Response response) {
        int status = response.status();
        if (status == 503
                && isProblem(response, status)
                && DESIGNED_REFUSALS.contains(response.json().path("code").asString(""))) {
            // Overload refusals by design (a cap on concurrent exports or order placements), with
            // Retry-After: the fuzzer's threads can hit them; anything else 5xx is a failure.
            return null;
        }
        if (status >= 500) {
            return "5xx";
        }
        if (status >= 400 && !request.method().equals("HEAD")) {
            if (!response.contentType().startsWith("application/problem+json")) {
                return "4xx without application/problem+json";
            }
            if (!isProblem(response, status)) {
                return "4xx body not a problem of the same status";
            }
        }
        if (status >= 200
                && status < 300
                && response.contentType().startsWith("application/json")
                && response.body().length > 0
                && response.json() == null) {
            return "2xx body not JSON";
        }
        return null;
    }

    long fuzzed() {
        return fuzzed.get();
    }

    synchronized List<Failure> failures() {
        return List.copyOf(failures);
    }

    long failureCount() {
        return failureCount.get();
    }

    /** Operations that were sent valid requests, none of which succeeded: the fuzzer did not get past their checks. */
    synchronized List<String> neverSucceeded() {
        return validSuccesses.entrySet().stream()
                .filter(e -> e.getValue() == 0)
                .map(Map.Entry::getKey)
                .toList();
    }

    synchronized String summary(long seed, double seconds) {
        StringBuilder s = new StringBuilder();
        s.append("Fuzz run: seed ").append(seed).append(", ").append(fuzzed).append(" requests (+ ");
        s.append(setup)
                .append(" setup) in ")
                .append(String.format("%.1f", seconds))
                .append(" s (");
        s.append(String.format("%.0f", fuzzed.get() / Math.max(seconds, 0.001))).append("/s)\n");
        s.append("By status: ").append(byStatus).append('\n');
        s.append("By strategy: ").append(byStrategy).append('\n');
        s.append("Slowest: ")
                .append(slowestNanos / 1_000_000)
                .append(" ms, ")
                .append(slowest)
                .append('\n');
        s.append("By operation (status: count):\n");
        byOperation.forEach((op, counts) ->
                s.append("  ").append(op).append("  ").append(counts).append('\n'));
        s.append("Time by operation (top 10, ms): ");
        nanosByOperation.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(10)
                .forEach(e -> s.append(e.getKey())
                        .append('=')
                        .append(e.getValue() / 1_000_000)
                        .append("; "));
        s.append("\nValid requests refused (samples, for the fuzzer's own coverage):\n");
        refusedValid.forEach((op, samples) -> samples.forEach(sample ->
                s.append("  ").append(op).append(" -> ").append(sample).append('\n')));
        s.append("Operations no valid request succeeded at: ")
                .append(neverSucceeded())
                .append('\n');
        s.append("Broken rules: ").append(failureCount).append('\n');
        for (Failure f : failures) {
            s.append(f).append('\n');
        }
        return s.toString();
    }
}
