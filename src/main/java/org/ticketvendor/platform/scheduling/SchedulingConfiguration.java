package org.ticketvendor.platform.scheduling;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.task.ThreadPoolTaskSchedulerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.util.ErrorHandler;
import org.ticketvendor.platform.DatabaseFailures;

/**
 * Turns on the modules' background jobs (hold expiry, later the outbox and offers). Every job claims
 * its work in the database with {@code FOR UPDATE SKIP LOCKED}, so all instances run all jobs safely.
 * {@code ticketvendor.jobs.enabled=false} switches them off, e.g. for an instance that only serves reads.
 *
 * <p>A job run that fails is logged and the job runs again at its next time; a run that failed because
 * the database is unavailable (down, restarting) is logged as one warning line, not as an error with a
 * stack trace every few seconds for as long as the outage lasts.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "ticketvendor.jobs.enabled", havingValue = "true", matchIfMissing = true)
class SchedulingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SchedulingConfiguration.class);

    @Bean
    ThreadPoolTaskSchedulerCustomizer jobErrorHandler() {
        return scheduler -> scheduler.setErrorHandler(JOB_ERRORS);
    }

    static final ErrorHandler JOB_ERRORS = failure -> {
        if (DatabaseFailures.unavailable(failure)) {
            log.warn(
                    "Job run failed, database unavailable; the next run retries: {}",
                    DatabaseFailures.describe(failure));
        } else {
            log.error("Job run failed; the next run retries", failure);
        }
    };
}
