package org.ticketvendor.notifications.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.ticketvendor.notifications.InlineImage;
import org.ticketvendor.notifications.InlineQrCode;
import org.ticketvendor.notifications.MailTemplate;
import org.ticketvendor.tickets.Tickets;

/**
 * Turns a stored mail (its template's id, the model captured when it was enqueued, its QR codes)
 * into what is sent: subject, text and HTML from the templates, and the QR codes drawn as PNGs. Runs
 * when the mail is sent, outside any transaction, so the payment that enqueued it never waits for
 * templates or images.
 */
@Component
public class MailRenderer {

    private final MailTemplates templates;
    private final Tickets tickets;

    MailRenderer(MailTemplates templates, Tickets tickets) {
        this.templates = templates;
        this.tickets = tickets;
    }

    /** A mail ready to send. */
    public record RenderedMail(String subject, String text, String html, List<InlineImage> images) {}

    /**
     * Renders the mail and draws its QR codes.
     *
     * @throws MailRenderingException when it cannot be rendered (for good: the same inputs fail again)
     */
    public RenderedMail render(String templateId, Map<String, Object> model, List<InlineQrCode> qrCodes) {
        MailTemplate template = template(templateId);
        try {
            MailTemplates.Rendered rendered = templates.render(template, model);
            return new RenderedMail(rendered.subject(), rendered.text(), rendered.html(), draw(qrCodes));
        } catch (MailRenderingException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MailRenderingException("Cannot render " + templateId + ": " + reasons(e), e);
        }
    }

    /**
     * The mail's QR codes as PNGs.
     *
     * @throws MailRenderingException when a code cannot be drawn
     */
    public List<InlineImage> draw(List<InlineQrCode> qrCodes) {
        List<InlineImage> images = new ArrayList<>(qrCodes.size());
        for (InlineQrCode code : qrCodes) {
            try {
                images.add(InlineImage.png(code.contentId(), tickets.qrPng(code.content())));
            } catch (RuntimeException e) {
                throw new MailRenderingException("Cannot draw QR code " + code.contentId() + ": " + reasons(e), e);
            }
        }
        return images;
    }

    /** The subject alone, or empty when it cannot be rendered; for listings of mails not sent yet. */
    public Optional<String> subject(String templateId, Map<String, Object> model) {
        try {
            return Optional.of(templates.subject(template(templateId), model));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static MailTemplate template(String templateId) {
        return MailTemplate.of(templateId)
                .orElseThrow(() -> new MailRenderingException("Unknown mail template " + templateId, null));
    }

    /** The messages down the cause chain (Thymeleaf's top one names the file, the root the field). */
    private static String reasons(Throwable e) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = e; t != null && messages.size() < 5; t = t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (messages.stream().noneMatch(m -> m.contains(message))) {
                messages.add(message);
            }
        }
        return String.join(": ", messages);
    }
}
