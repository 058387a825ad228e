package org.ticketvendor.notifications;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Notifications settings ({@code ticketvendor.notifications.*}). At most one transport may be
 * configured: SMTP when {@code smtp.host} is set, SendGrid when {@code sendgrid.api-key} is set,
 * otherwise mails are recorded, not sent.
 *
 * @param from the sender, e.g. {@code Ticket Vendor <tickets@example.com>} (env {@code MAIL_FROM})
 * @param smtp an SMTP server
 * @param sendgrid SendGrid's web API
 * @param dispatch how the outbox is drained
 */
@Validated
@ConfigurationProperties("ticketvendor.notifications")
public record NotificationsSettings(
        @DefaultValue("Ticket Vendor <no-reply@ticketvendor.invalid>") @NotBlank
        String from,

        @Valid @DefaultValue Smtp smtp,
        @Valid @DefaultValue SendGrid sendgrid,
        @Valid @DefaultValue Dispatch dispatch) {

    public boolean smtpEnabled() {
        return smtp.host() != null && !smtp.host().isBlank();
    }

    public boolean sendgridEnabled() {
        return sendgrid.apiKey() != null && !sendgrid.apiKey().isBlank();
    }

    /**
     * SMTP ({@code ticketvendor.notifications.smtp.*}). Timeouts are short so a slow server delays
     * one attempt, not the outbox; together they must stay well under {@code dispatch.lease}.
     *
     * @param starttls require STARTTLS (never falls back to plain text when true)
     * @param ssl connect over TLS from the start (SMTPS, usually port 465)
     */
    public record Smtp(
            String host,
            @DefaultValue("587") @Min(1) @Max(65535) int port,
            String username,
            String password,
            @DefaultValue("true") boolean starttls,
            @DefaultValue("false") boolean ssl,
            @DefaultValue("10s") @NotNull Duration connectTimeout,
            @DefaultValue("20s") @NotNull Duration readTimeout,
            @DefaultValue("20s") @NotNull Duration writeTimeout) {

        @Override
        public String toString() {
            return "Smtp[host=" + host + ", port=" + port + ", username=" + username + ", password=<redacted>]";
        }
    }

    /**
     * SendGrid ({@code ticketvendor.notifications.sendgrid.*}).
     *
     * @param apiKey the API key (env {@code SENDGRID_API_KEY}); blank disables SendGrid
     * @param apiBase where the API is (env {@code SENDGRID_API_BASE}); tests point it at a local server
     */
    public record SendGrid(
            String apiKey,

            @DefaultValue("https://api.sendgrid.com") @NotBlank
            String apiBase,

            @DefaultValue("10s") @NotNull Duration connectTimeout,
            @DefaultValue("30s") @NotNull Duration readTimeout) {

        @Override
        public String toString() {
            return "SendGrid[apiBase=" + apiBase + ", apiKey=<redacted>]";
        }
    }

    /**
     * The outbox worker ({@code ticketvendor.notifications.dispatch.*}).
     *
     * @param batchSize rows claimed at a time
     * @param maxAttempts attempts before a row is given up on ({@code failed})
     * @param backoff the pause after the first failed attempt; it doubles per attempt (with jitter)
     * @param maxBackoff the longest pause between attempts
     * @param lease how long a claimed row is reserved for one send; renewed before each send and
     *     longer than any send can take, so no two instances ever send the same row at once
     */
    public record Dispatch(
            @DefaultValue("20") @Min(1) @Max(500) int batchSize,
            @DefaultValue("8") @Min(1) @Max(50) int maxAttempts,
            @DefaultValue("30s") @NotNull Duration backoff,
            @DefaultValue("1h") @NotNull Duration maxBackoff,
            @DefaultValue("2m") @NotNull Duration lease) {}
}
