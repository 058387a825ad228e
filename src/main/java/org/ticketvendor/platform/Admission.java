package org.ticketvendor.platform;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Admission control for the expensive entry points of a sale (placing an order): at most {@code
 * max-concurrent} run at once per instance; a request that cannot start within {@code max-wait}
 * gets a 503 with {@code Retry-After} at once instead of queueing. Without it, an on-sale burst
 * above what the machine can serve queued every request in the servlet threads and the connection
 * pool until its client gave up, and the server then finished work nobody waited for: goodput fell
 * to a fraction of capacity. With it, the requests that are admitted are served at full speed and
 * the rest are told to come back. Sold-out answers are given before admission and never wait.
 */
@Component
public class Admission {

    private final Semaphore permits;
    private final AdmissionSettings settings;

    /** Too many requests of this kind are running: come back in a second. */
    public static final class ServerBusyException extends ApiException {
        ServerBusyException() {
            super(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "server_busy",
                    "Server busy",
                    "Too many purchases are being processed right now. Try again in a second.");
            with("retry_after_seconds", 1);
        }
    }

    Admission(AdmissionSettings settings) {
        this.settings = settings;
        this.permits = new Semaphore(settings.maxConcurrent(), true);
    }

    /**
     * Runs {@code work} once admitted.
     *
     * @throws ServerBusyException when no turn came within the configured wait
     */
    public <T> T run(Supplier<T> work) {
        if (!settings.enabled()) {
            return work.get();
        }
        boolean admitted;
        try {
            admitted = permits.tryAcquire(settings.maxWait().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerBusyException();
        }
        if (!admitted) {
            throw new ServerBusyException();
        }
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }

    /** Requests running now (for tests and metrics). */
    public int running() {
        return settings.maxConcurrent() - permits.availablePermits();
    }
}
