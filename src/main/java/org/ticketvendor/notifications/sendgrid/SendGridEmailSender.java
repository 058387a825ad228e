package org.ticketvendor.notifications.sendgrid;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.ticketvendor.notifications.InlineImage;
import org.ticketvendor.notifications.NotificationsSettings;
import org.ticketvendor.notifications.sending.Delivery;
import org.ticketvendor.notifications.sending.EmailSender;
import org.ticketvendor.notifications.sending.MailDeliveryException;
import org.ticketvendor.notifications.sending.OutgoingEmail;

/**
 * Sends through SendGrid's v3 Web API ({@code POST /v3/mail/send}) with Spring's RestClient: text
 * and HTML content, inline images as attachments with {@code disposition: inline} and a {@code
 * content_id}. 202 is success (the {@code X-Message-Id} header is kept); 429 waits as long as
 * SendGrid asks ({@code Retry-After}, else {@code X-RateLimit-Reset}); 5xx, 408 and key problems
 * (401, 403: fixable by configuration) are retried; any other 4xx refuses this mail for good. A
 * timeout while waiting for the answer is retried as an unknown outcome.
 */
public class SendGridEmailSender implements EmailSender {

    private static final String PATH = "/v3/mail/send";

    private final RestClient client;
    private final Map<String, String> from;
    private final Clock clock;

    public SendGridEmailSender(NotificationsSettings.SendGrid settings, String from, Clock clock) {
        this.clock = clock;
        try {
            InternetAddress address = new InternetAddress(from, true);
            Map<String, String> sender = new LinkedHashMap<>();
            sender.put("email", address.getAddress());
            if (address.getPersonal() != null) {
                sender.put("name", address.getPersonal());
            }
            this.from = Map.copyOf(sender);
        } catch (AddressException e) {
            throw new IllegalStateException("MAIL_FROM is not a valid address: " + from, e);
        }
        // HTTP/1.1: one request per mail needs no multiplexing, and plain-HTTP test servers get no h2c upgrade.
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(settings.readTimeout());
        this.client = RestClient.builder()
                .baseUrl(settings.apiBase())
                .requestFactory(requests)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + settings.apiKey())
                .build();
    }

    @Override
    public String name() {
        return "sendgrid";
    }

    @Override
    public Delivery send(OutgoingEmail email) {
        Answer answer;
        try {
            answer = client.post()
                    .uri(PATH)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body(email))
                    .exchange((request, response) -> new Answer(
                            response.getStatusCode().value(),
                            response.getHeaders(),
                            new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
        } catch (ResourceAccessException e) {
            throw unreachable(e);
        }
        int status = answer.status();
        if (status >= 200 && status < 300) {
            return Delivery.sent(answer.headers().getFirst("X-Message-Id"));
        }
        String text = "SendGrid " + status + ": " + brief(answer.body());
        if (status == 429) {
            throw new MailDeliveryException(text, false, false, retryAfter(answer.headers()), null);
        }
        if (status >= 500 || status == 408 || status == 401 || status == 403) {
            throw MailDeliveryException.retryable(text, null);
        }
        throw MailDeliveryException.permanent(text, null);
    }

    private record Answer(int status, HttpHeaders headers, String body) {}

    private Map<String, Object> body(OutgoingEmail email) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("personalizations", List.of(Map.of("to", List.of(Map.of("email", email.to())))));
        body.put("from", from);
        body.put("subject", email.subject());
        List<Map<String, String>> content = new ArrayList<>();
        content.add(Map.of("type", "text/plain", "value", email.text()));
        if (email.html() != null) {
            content.add(Map.of("type", "text/html", "value", email.html()));
        }
        body.put("content", content);
        if (!email.images().isEmpty()) {
            List<Map<String, String>> attachments = new ArrayList<>();
            for (InlineImage image : email.images()) {
                attachments.add(Map.of(
                        "content", Base64.getEncoder().encodeToString(image.bytes()),
                        "type", image.contentType(),
                        "filename", image.filename(),
                        "disposition", "inline",
                        "content_id", image.contentId()));
            }
            body.put("attachments", attachments);
        }
        body.put("custom_args", Map.of("notification_id", email.id().toString()));
        body.put("headers", Map.of("X-Ticket-Vendor-Notification", email.id().toString()));
        return body;
    }

    private static MailDeliveryException unreachable(ResourceAccessException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
                return MailDeliveryException.retryable("Could not connect to SendGrid: " + cause, e);
            }
            if (cause instanceof HttpTimeoutException) {
                return new MailDeliveryException(
                        "SendGrid did not answer in time; it may or may not have the message", false, true, null, e);
            }
        }
        boolean io = e.getCause() instanceof IOException;
        return new MailDeliveryException("SendGrid request failed: " + e.getMessage(), false, io, null, e);
    }

    /** The pause SendGrid asked for: Retry-After (seconds or a date), else until X-RateLimit-Reset. */
    private Duration retryAfter(HttpHeaders headers) {
        String retryAfter = headers.getFirst(HttpHeaders.RETRY_AFTER);
        Instant now = clock.instant();
        if (retryAfter != null) {
            try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.strip())));
            } catch (NumberFormatException notSeconds) {
                try {
                    Instant at = ZonedDateTime.parse(retryAfter.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                            .toInstant();
                    return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
                } catch (DateTimeParseException unreadable) {
                    return null;
                }
            }
        }
        String reset = headers.getFirst("X-RateLimit-Reset");
        if (reset != null) {
            try {
                Instant at = Instant.ofEpochSecond(Long.parseLong(reset.strip()));
                return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
            } catch (NumberFormatException unreadable) {
                return null;
            }
        }
        return null;
    }

    private static String brief(String body) {
        String line = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        return line.length() > 500 ? line.substring(0, 500) : line;
    }
}
