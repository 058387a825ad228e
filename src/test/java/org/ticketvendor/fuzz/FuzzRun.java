package org.ticketvendor.fuzz;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One run's settings, from system properties: {@code fuzz.requests} (how many), {@code fuzz.seed} (the
 * PRNG seed; random when not given, and printed), {@code fuzz.threads} (1 = the same seed makes the same
 * sequence of choices), {@code fuzz.valid-percent} (share of requests meant to be valid).
 */
final class FuzzRun {

    /** Password of every account the fuzzer makes. */
    static final String PASSWORD = "Fuzz-Passw0rd-for-tests";

    final int requests;
    final long seed;
    final int threads;
    final int validPercent;
    /** Distinguishes this run's accounts (emails) from any other run's. */
    final String id;

    private final AtomicLong counter = new AtomicLong();

    FuzzRun(int requests, long seed, int threads, int validPercent) {
        this.requests = requests;
        this.seed = seed;
        this.threads = threads;
        this.validPercent = validPercent;
        this.id = Long.toString(Math.abs(seed % 1_000_000_000L), 36) + "-"
                + Long.toString(System.nanoTime() % 1_000_000L, 36);
    }

    /** The seed of the run in {@code ./mvnw verify}. */
    static final long VERIFY_SEED = 20261125L;

    static FuzzRun fromSystemProperties(int defaultRequests) {
        String seed = System.getProperty("fuzz.seed", "");
        // The short run inside ./mvnw verify uses one seed, so a build's outcome does not depend on
        // which requests it drew; the long runs (-Pfuzz) draw a new seed each time to explore.
        boolean longRun = System.getProperty("fuzz.requests") != null;
        return new FuzzRun(
                Integer.getInteger("fuzz.requests", defaultRequests),
                !seed.isBlank()
                        ? Long.parseLong(seed.trim())
                        : longRun ? new java.security.SecureRandom().nextLong() : VERIFY_SEED,
                Integer.getInteger("fuzz.threads", 1),
                Integer.getInteger("fuzz.valid-percent", 45));
    }

    long next() {
        return counter.incrementAndGet();
    }

    String email(String name) {
        return "fuzz-" + id + "-" + name + "@fuzz.test";
    }
}
