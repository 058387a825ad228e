package org.ticketvendor.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * One kind of request in one phase: a latency histogram (microseconds, measured from the moment the
 * request was due, so queueing in the driver and in the server both count), answers by status, and
 * the time span of its successes for the throughput.
 */
final class Metric {

    final String name;
    private final Histogram latency = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(600), 3);
    private final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
    private final LongAdder successes = new LongAdder();
    private final AtomicLong firstSuccessEnd = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastSuccessEnd = new AtomicLong(Long.MIN_VALUE);
    /** Start of the window its throughput is measured over; by default its first success. */
    private volatile long windowStart = Long.MIN_VALUE;

    Metric(String name) {
        this.name = name;
    }

    /** Measures throughput from this moment (the phase's first arrival) rather than from the first success. */
    Metric windowFrom(long nanos) {
        windowStart = nanos;
        return this;
    }

    void record(String status, long latencyNanos, long endNanos, boolean success) {
        latency.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(latencyNanos)));
        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
        if (success) {
            successes.increment();
            firstSuccessEnd.accumulateAndGet(endNanos, Math::min);
            lastSuccessEnd.accumulateAndGet(endNanos, Math::max);
        }
    }

    long count() {
        return latency.getTotalCount();
    }

    long successes() {
        return successes.sum();
    }

    long status(String prefix) {
        long n = 0;
        for (Map.Entry<String, LongAdder> e : statuses.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                n += e.getValue().sum();
            }
        }
        return n;
    }

    Map<String, Long> statuses() {
        Map<String, Long> result = new TreeMap<>();
        statuses.forEach((k, v) -> result.put(k, v.sum()));
        return result;
    }

    /** Successes per second, over the window from its start (the phase's first arrival) to the last success. */
    double throughput() {
        long n = successes();
        if (n == 0) {
            return 0;
        }
        long start = windowStart != Long.MIN_VALUE ? windowStart : firstSuccessEnd.get();
        long span = lastSuccessEnd.get() - start;
        if (span <= 0) {
            return 0;
        }
        return n / (span / 1e9);
    }

    double windowSeconds() {
        long start = windowStart != Long.MIN_VALUE ? windowStart : firstSuccessEnd.get();
        long end = lastSuccessEnd.get();
        return successes() == 0 ? 0 : Math.max(0, (end - start) / 1e9);
    }

    double percentileMillis(double p) {
        return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(p) / 1000.0;
    }

    double maxMillis() {
        return latency.getTotalCount() == 0 ? Double.NaN : latency.getMaxValue() / 1000.0;
    }

    double meanMillis() {
        return latency.getTotalCount() == 0 ? Double.NaN : latency.getMean() / 1000.0;
    }

    /** 5xx answers, timeouts and connection errors: the answers that are the server's (or network's) fault. */
    long serverErrors() {
        return status("5") + status("timeout") + status("conn_error") + status("error");
    }
}
