package org.ticketvendor.notifications.templates;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.ticketvendor.notifications.MailTemplate;

/**
 * Renders mails with a standalone Thymeleaf engine (no Spring MVC view resolution): {@code
 * templates/mail/*.html} in HTML mode, escaped by the engine, and {@code *.txt} in text mode. Every
 * mail has a subject, a text body and an HTML body.
 */
@Component
public class MailTemplates {

    private static final String PREFIX = "templates/mail/";
    private static final int MAX_SUBJECT = 500;

    private final TemplateEngine engine = new TemplateEngine();

    MailTemplates() {
        engine.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 1));
        engine.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 2));
    }

    /** A rendered mail. */
    public record Rendered(String subject, String text, String html) {}

    /**
     * Renders the mail's subject, text and HTML body.
     *
     * @throws org.thymeleaf.exceptions.TemplateEngineException when a template is missing or cannot
     *     be evaluated with this model
     */
    public Rendered render(MailTemplate template, Map<String, Object> model) {
        Context context = context(model);
        String subject = subject(template, context);
        // Text-mode blocks ([# th:if ...]) leave their lines behind: keep at most one blank line.
        String text = engine.process(template.id() + ".txt", context)
                        .replaceAll("[ \\t]+\n", "\n")
                        .replaceAll("\n{3,}", "\n\n")
                        .strip()
                + "\n";
        String html = engine.process(template.id() + ".html", context);
        return new Rendered(subject, text, html);
    }

    /** The subject alone (cheap: a one-line text template), e.g. to list mails not sent yet. */
    public String subject(MailTemplate template, Map<String, Object> model) {
        return subject(template, context(model));
    }

    private String subject(MailTemplate template, Context context) {
        String subject =
                engine.process(template.id() + ".subject.txt", context).strip().replaceAll("\\s+", " ");
        return subject.length() > MAX_SUBJECT ? subject.substring(0, MAX_SUBJECT - 1) + "…" : subject;
    }

    private static Context context(Map<String, Object> model) {
        Context context = new Context(Locale.ENGLISH, model);
        context.setVariable("brand", "Ticket Vendor");
        return context;
    }

    private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(MailTemplates.class.getClassLoader());
        resolver.setPrefix(PREFIX);
        resolver.setTemplateMode(mode);
        resolver.setResolvablePatterns(Set.of(pattern));
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCacheable(true);
        resolver.setCheckExistence(true);
        resolver.setOrder(order);
        return resolver;
    }
}
