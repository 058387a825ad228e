package org.ticketvendor.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * A test against the running application on a random port, backed by this test run's own
 * PostgreSQL database (see {@link org.ticketvendor.TestDatabase}). All such tests share one
 * application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "ticketvendor.identity.bcrypt-strength=4",
            "ticketvendor.identity.admin-email=" + ApiClient.ADMIN_EMAIL,
            "ticketvendor.identity.admin-password=" + ApiClient.ADMIN_PASSWORD,
            "ticketvendor.identity.max-failed-logins=3",
            "ticketvendor.identity.lockout=60s",
            // Background jobs run when a test calls them, so no job races a test's own call.
            "ticketvendor.jobs.enabled=false",
            // Every test calls from 127.0.0.1: the limits still run on every request, but never refuse
            // one here (RateLimitIntegrationTests has tight ones in a context of its own).
            "ticketvendor.rate-limits.policies.login.per-ip.capacity=1000000",
            "ticketvendor.rate-limits.policies.register.per-ip.capacity=1000000",
            "ticketvendor.rate-limits.policies.refresh.per-ip.capacity=1000000",
            "ticketvendor.rate-limits.policies.orders.per-ip.capacity=1000000",
            "ticketvendor.rate-limits.policies.orders.per-account.capacity=1000000",
            // Image uploads up to 1 MB (5 MB by default): a body over it stays under what Tomcat reads
            // and discards after an early 413, so the client sees the answer, not a reset connection.
            "ticketvendor.catalog.images.max-bytes=1MB",
            // One web shop on another origin may call the API from browsers (Api8 tests the policy).
            "ticketvendor.cors.allowed-origins=https://shop.ticketvendor.test"
        })
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
public @interface IntegrationTest {}
