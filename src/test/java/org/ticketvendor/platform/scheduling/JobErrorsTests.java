package org.ticketvendor.platform.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.transaction.CannotCreateTransactionException;

/** A job run that fails on a database outage is one warning line; any other failure stays an error. */
class JobErrorsTests {

    final Logger logger = (Logger) LoggerFactory.getLogger(SchedulingConfiguration.class);
    final ListAppender<ILoggingEvent> events = new ListAppender<>();

    @BeforeEach
    void capture() {
        events.start();
        logger.addAppender(events);
    }

    @AfterEach
    void release() {
        logger.detachAppender(events);
    }

    @Test
    void anOutageIsAWarningWithoutStackTraceAndABugAnError() {
        SchedulingConfiguration.JOB_ERRORS.handleError(new CannotCreateTransactionException(
                "Could not open JDBC Connection for transaction", new java.net.ConnectException("Connection refused")));
        SchedulingConfiguration.JOB_ERRORS.handleError(new IllegalStateException("a bug"));

        assertThat(events.list).hasSize(2);
        assertThat(events.list.get(0).getLevel()).isEqualTo(Level.WARN);
        assertThat(events.list.get(0).getFormattedMessage())
                .contains("database unavailable")
                .contains("Connection refused");
        assertThat(events.list.get(0).getThrowableProxy()).isNull();
        assertThat(events.list.get(1).getLevel()).isEqualTo(Level.ERROR);
        assertThat(events.list.get(1).getThrowableProxy()).isNotNull();
    }

    @Test
    void theSchedulerOfTheJobsUsesIt() throws Exception {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        new SchedulingConfiguration().jobErrorHandler().customize(scheduler);
        scheduler.initialize();
        try {
            java.util.concurrent.CountDownLatch ran = new java.util.concurrent.CountDownLatch(2);
            scheduler.scheduleWithFixedDelay(
                    () -> {
                        ran.countDown();
                        throw new CannotCreateTransactionException("down");
                    },
                    java.time.Duration.ofMillis(10));
            assertThat(ran.await(5, java.util.concurrent.TimeUnit.SECONDS))
                    .as("the job runs again after a failed run")
                    .isTrue();
        } finally {
            scheduler.shutdown();
        }
        assertThat(events.list).isNotEmpty().allMatch(e -> e.getLevel() == Level.WARN);
    }
}
