package org.ticketvendor.notifications.smtp;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.ticketvendor.notifications.InlineImage;
import org.ticketvendor.notifications.NotificationsSettings;
import org.ticketvendor.notifications.sending.Delivery;
import org.ticketvendor.notifications.sending.EmailSender;
import org.ticketvendor.notifications.sending.MailDeliveryException;
import org.ticketvendor.notifications.sending.OutgoingEmail;

/**
 * Sends through an SMTP server with Jakarta Mail: a multipart message with text and HTML
 * alternatives and the inline images as related parts referenced by Content-ID. The Message-ID is
 * derived from the outbox row, so a mail retried after an unknown outcome carries the same id and
 * receiving systems can recognise the duplicate.
 *
 * <p>Failures: a 5xx reply (address or message rejected) is permanent; 4xx replies, refused or
 * failed connections and authentication errors are retried; a timeout is retried as an unknown
 * outcome (the server may have queued the message before going quiet).
 */
public class SmtpEmailSender implements EmailSender {

    private final JavaMailSenderImpl mailer = new JavaMailSenderImpl();
    private final InternetAddress from;
    private final String messageIdDomain;

    public SmtpEmailSender(NotificationsSettings.Smtp smtp, String from) {
        try {
            this.from = new InternetAddress(from, true);
        } catch (AddressException e) {
            throw new IllegalStateException("MAIL_FROM is not a valid address: " + from, e);
        }
        String address = this.from.getAddress();
        this.messageIdDomain = address.substring(address.indexOf('@') + 1);
        mailer.setHost(smtp.host());
        mailer.setPort(smtp.port());
        mailer.setDefaultEncoding("UTF-8");
        boolean auth = smtp.username() != null && !smtp.username().isBlank();
        if (auth) {
            mailer.setUsername(smtp.username());
            mailer.setPassword(smtp.password());
        }
        String protocol = smtp.ssl() ? "smtps" : "smtp";
        mailer.setProtocol(protocol);
        Properties properties = new Properties();
        String prefix = "mail." + protocol + ".";
        properties.put(prefix + "auth", String.valueOf(auth));
        properties.put(
                prefix + "connectiontimeout",
                String.valueOf(smtp.connectTimeout().toMillis()));
        properties.put(prefix + "timeout", String.valueOf(smtp.readTimeout().toMillis()));
        properties.put(
                prefix + "writetimeout", String.valueOf(smtp.writeTimeout().toMillis()));
        if (smtp.starttls() && !smtp.ssl()) {
            properties.put("mail.smtp.starttls.enable", "true");
            properties.put("mail.smtp.starttls.required", "true");
        }
        mailer.setJavaMailProperties(properties);
    }

    @Override
    public String name() {
        return "smtp";
    }

    @Override
    public Delivery send(OutgoingEmail email) {
        String messageId = "<" + email.id() + "@" + messageIdDomain + ">";
        MimeMessage message = new MimeMessage(mailer.getSession()) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        try {
            compose(message, email);
        } catch (MessagingException | UnsupportedEncodingException | IllegalArgumentException e) {
            throw MailDeliveryException.permanent("The message could not be built: " + e.getMessage(), e);
        }
        try {
            mailer.send(message);
        } catch (MailException e) {
            throw classify(e);
        }
        return Delivery.sent(messageId);
    }

    private void compose(MimeMessage message, OutgoingEmail email)
            throws MessagingException, UnsupportedEncodingException {
        MimeMessageHelper helper =
                new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED, "UTF-8");
        helper.setFrom(from);
        helper.setTo(new InternetAddress(email.to(), true));
        helper.setSubject(email.subject());
        if (email.html() != null) {
            helper.setText(email.text(), email.html());
        } else {
            helper.setText(email.text());
        }
        for (InlineImage image : email.images()) {
            helper.addInline(image.contentId(), new ByteArrayResource(image.bytes()), image.contentType());
        }
        message.setHeader("X-Ticket-Vendor-Notification", email.id().toString());
    }

    static MailDeliveryException classify(MailException e) {
        if (e instanceof MailParseException || e instanceof MailPreparationException) {
            return MailDeliveryException.permanent("The message was refused as malformed: " + e.getMessage(), e);
        }
        if (e instanceof MailAuthenticationException) {
            return MailDeliveryException.retryable("The SMTP server refused our credentials", e);
        }
        List<Throwable> roots = new ArrayList<>();
        roots.add(e);
        if (e instanceof MailSendException send) {
            roots.addAll(List.of(send.getMessageExceptions()));
        }
        // The server's own reply code decides first: it may be nested under a generic exception.
        for (Throwable root : roots) {
            for (Throwable cause = root; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
                Integer code = replyCode(cause);
                if (code != null) {
                    String text = "SMTP " + code + ": " + firstLine(cause.getMessage());
                    return code >= 500
                            ? MailDeliveryException.permanent(text, e)
                            : MailDeliveryException.retryable(text, e);
                }
            }
        }
        for (Throwable root : roots) {
            MailDeliveryException found = classifyChain(root, e);
            if (found != null) {
                return found;
            }
        }
        return MailDeliveryException.retryable("SMTP failure: " + firstLine(e.getMessage()), e);
    }

    private static MailDeliveryException classifyChain(Throwable root, MailException e) {
        for (Throwable cause = root; cause != null; cause = cause.getCause()) {
            if (cause instanceof SendFailedException failed
                    && failed.getInvalidAddresses() != null
                    && failed.getInvalidAddresses().length > 0) {
                return MailDeliveryException.permanent("Invalid address: " + firstLine(failed.getMessage()), e);
            }
            if (cause instanceof SocketTimeoutException) {
                return new MailDeliveryException(
                        "The SMTP server did not answer in time; it may or may not have the message",
                        false,
                        true,
                        null,
                        e);
            }
            if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
                return MailDeliveryException.retryable("Could not connect to the SMTP server: " + cause, e);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }

    /** The SMTP reply code Angus attaches to a refused recipient, sender or message. */
    private static Integer replyCode(Throwable cause) {
        if (cause instanceof SMTPAddressFailedException failed) {
            return failed.getReturnCode();
        }
        if (cause instanceof SMTPSenderFailedException failed) {
            return failed.getReturnCode();
        }
        if (cause instanceof SMTPSendFailedException failed) {
            return failed.getReturnCode() > 0 ? failed.getReturnCode() : null;
        }
        return null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) : line;
    }
}
