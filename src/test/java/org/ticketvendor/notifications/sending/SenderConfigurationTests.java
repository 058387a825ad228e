package org.ticketvendor.notifications.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.ticketvendor.notifications.NotificationsSettings;
import org.ticketvendor.notifications.sendgrid.SendGridEmailSender;
import org.ticketvendor.notifications.smtp.SmtpEmailSender;

/** One transport at most, chosen by what is configured; never a guess. */
class SenderConfigurationTests {

    final SenderConfiguration configuration = new SenderConfiguration();
    final Clock clock = Clock.systemUTC();

    static NotificationsSettings settings(String smtpHost, String sendgridKey) {
        Duration s = Duration.ofSeconds(5);
        return new NotificationsSettings(
                "Ticket Vendor <tickets@example.test>",
                new NotificationsSettings.Smtp(smtpHost, 587, "mailer", "hunter2", true, false, s, s, s),
                new NotificationsSettings.SendGrid(sendgridKey, "https://api.sendgrid.com", s, s),
                new NotificationsSettings.Dispatch(
                        20, 8, Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofMinutes(2)));
    }

    @Test
    void withNothingConfiguredMailsAreRecorded() {
        assertThat(configuration.emailSender(settings("", " "), clock)).isInstanceOf(RecordingEmailSender.class);
    }

    @Test
    void anSmtpHostSelectsSmtpAndAnApiKeySendGrid() {
        assertThat(configuration.emailSender(settings("smtp.example.test", null), clock))
                .isInstanceOf(SmtpEmailSender.class)
                .extracting(EmailSender::name)
                .isEqualTo("smtp");
        assertThat(configuration.emailSender(settings(null, "SG.key"), clock))
                .isInstanceOf(SendGridEmailSender.class)
                .extracting(EmailSender::name)
                .isEqualTo("sendgrid");
    }

    @Test
    void bothTransportsAtOnceStopTheStart() {
        assertThatThrownBy(() -> configuration.emailSender(settings("smtp.example.test", "SG.key"), clock))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("configure one mail transport");
    }

    @Test
    void secretsStayOutOfTheLogs() {
        NotificationsSettings settings = settings("smtp.example.test", "SG.secret");
        assertThat(settings.smtp().toString()).doesNotContain("hunter2").contains("<redacted>");
        assertThat(settings.sendgrid().toString()).doesNotContain("SG.secret");
    }
}
