package org.ticketvendor.platform;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Admission control ({@link Admission}).
 *
 * @param enabled off: every request is admitted
 * @param maxConcurrent guarded requests running at once per instance (about twice the connection
 *     pool: enough to keep every connection busy, not so many that they queue for one)
 * @param maxWait how long a request may wait for its turn before it is turned away with a 503
 */
@ConfigurationProperties("ticketvendor.admission")
public record AdmissionSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("20") int maxConcurrent,
        @DefaultValue("500ms") Duration maxWait) {

    public AdmissionSettings {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("ticketvendor.admission.max-concurrent must be at least 1");
        }
    }
}
