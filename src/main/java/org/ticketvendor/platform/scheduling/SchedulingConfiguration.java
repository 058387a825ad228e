package org.ticketvendor.platform.scheduling;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Turns on the modules' background jobs (hold expiry, later the outbox and offers). Every job claims
 * its work in the database with {@code FOR UPDATE SKIP LOCKED}, so all instances run all jobs safely.
 * {@code ticketvendor.jobs.enabled=false} switches them off, e.g. for an instance that only serves reads.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "ticketvendor.jobs.enabled", havingValue = "true", matchIfMissing = true)
class SchedulingConfiguration {}
