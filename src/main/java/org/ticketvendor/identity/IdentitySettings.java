package org.ticketvendor.identity;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Identity settings ({@code ticketvendor.identity.*}).
 *
 * @param jwtSecret HMAC key for access tokens, at least 32 bytes; blank means a random secret is
 *     generated once and kept in the data directory (set it when running several instances)
 * @param issuer the {@code iss} of our access tokens
 * @param accessTokenTtl lifetime of an access token; short, because it cannot be revoked
 * @param refreshTokenTtl lifetime of a refresh token; every use rotates it
 * @param bcryptStrength bcrypt cost factor (4..31)
 * @param maxFailedLogins consecutive failures for one email before it is locked
 * @param lockout first lock duration; it doubles with every further failure
 * @param maxLockout the longest lock
 * @param adminEmail email of the first admin, created at start-up when missing
 * @param adminPassword password of the first admin
 */
@Validated
@ConfigurationProperties("ticketvendor.identity")
public record IdentitySettings(
        String jwtSecret,
        @DefaultValue("ticket-vendor") String issuer,
        @DefaultValue("15m") Duration accessTokenTtl,
        @DefaultValue("30d") Duration refreshTokenTtl,
        @DefaultValue("10") @Min(4) @Max(31) int bcryptStrength,
        @DefaultValue("5") @Min(1) int maxFailedLogins,
        @DefaultValue("30s") Duration lockout,
        @DefaultValue("15m") Duration maxLockout,
        String adminEmail,
        String adminPassword) {

    @Override
    public String toString() {
        return "IdentitySettings[issuer=" + issuer + ", accessTokenTtl=" + accessTokenTtl + ", refreshTokenTtl="
                + refreshTokenTtl + ", adminEmail=" + adminEmail + ", secrets=<redacted>]";
    }
}
