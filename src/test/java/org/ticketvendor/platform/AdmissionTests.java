package org.ticketvendor.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class AdmissionTests {

    private final ExecutorService pool = Executors.newFixedThreadPool(16);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void neverRunsMoreThanTheLimitAtOnceAndTurnsTheRestAwayFast() throws Exception {
        Admission admission = new Admission(new AdmissionSettings(true, 3, Duration.ofMillis(200)));
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            results.add(pool.submit(() -> {
                try {
                    return admission.run(() -> {
                        most.accumulateAndGet(running.incrementAndGet(), Math::max);
                        try {
                            release.await(5, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        running.decrementAndGet();
                        return "served";
                    });
                } catch (Admission.ServerBusyException busy) {
                    return "busy " + busy.status().value() + " retry "
                            + busy.properties().get("retry_after_seconds");
                }
            }));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (results.stream().filter(Future::isDone).count() < 7 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        // The seven that found no turn were answered within the wait (0.2 s), while three still run.
        List<String> answers = new ArrayList<>();
        for (Future<String> result : results) {
            if (result.isDone()) {
                answers.add(result.get());
            }
        }
        assertThat(answers).hasSize(7).allMatch(a -> a.equals("busy 503 retry 1"));
        release.countDown();
        long served = 0;
        for (Future<String> result : results) {
            if (result.get(5, TimeUnit.SECONDS).equals("served")) {
                served++;
            }
        }
        assertThat(served).isEqualTo(3);
        assertThat(most.get()).isEqualTo(3);
        assertThat(admission.running()).isZero();
    }

    @Test
    void withoutItEveryRequestRunsAtOnce() throws Exception {
        // The negative control: disabled, all ten run together.
        Admission admission = new Admission(new AdmissionSettings(false, 3, Duration.ofMillis(200)));
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch allIn = new CountDownLatch(10);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            results.add(pool.submit(() -> admission.run(() -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                allIn.countDown();
                try {
                    allIn.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "served";
            })));
        }
        for (Future<String> result : results) {
            assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("served");
        }
        assertThat(most.get()).isEqualTo(10);
    }

    @Test
    void aTurnFreedWithinTheWaitIsTaken() {
        Admission admission = new Admission(new AdmissionSettings(true, 1, Duration.ofSeconds(2)));
        assertThat(admission.run(() -> "first")).isEqualTo("first");
        assertThat(admission.run(() -> "second")).isEqualTo("second");
        assertThatThrownBy(() -> admission.run(() -> {
                    throw new IllegalStateException("boom");
                }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(admission.running())
                .as("a failed request gives its turn back")
                .isZero();
        assertThat(new Admission.ServerBusyException().status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }
}
