package org.ticketvendor.notifications.sending;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.ticketvendor.notifications.NotificationsSettings;
import org.ticketvendor.notifications.sendgrid.SendGridEmailSender;
import org.ticketvendor.notifications.smtp.SmtpEmailSender;

/**
 * Chooses the one active sender: SMTP when {@code SMTP_HOST} is set, SendGrid when {@code
 * SENDGRID_API_KEY} is, recording when neither is. Both at once is a configuration error that stops
 * the start-up: guessing could send through the wrong account.
 */
@Configuration(proxyBeanMethods = false)
class SenderConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SenderConfiguration.class);

    @Bean
    EmailSender emailSender(NotificationsSettings settings, Clock clock) {
        if (settings.smtpEnabled() && settings.sendgridEnabled()) {
            throw new IllegalStateException(
                    "Both SMTP_HOST and SENDGRID_API_KEY are set: configure one mail transport, not two");
        }
        if (settings.smtpEnabled()) {
            log.info(
                    "Mail goes out by SMTP through {}:{} as {}",
                    settings.smtp().host(),
                    settings.smtp().port(),
                    settings.from());
            return new SmtpEmailSender(settings.smtp(), settings.from());
        }
        if (settings.sendgridEnabled()) {
            log.info(
                    "Mail goes out through SendGrid at {} as {}",
                    settings.sendgrid().apiBase(),
                    settings.from());
            return new SendGridEmailSender(settings.sendgrid(), settings.from(), clock);
        }
        log.warn("No mail transport configured: mails are RECORDED, not sent (see GET /api/v1/admin/notifications)."
                + " Set SMTP_HOST or SENDGRID_API_KEY to send them.");
        return new RecordingEmailSender();
    }
}
