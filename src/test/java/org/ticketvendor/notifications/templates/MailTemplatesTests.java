package org.ticketvendor.notifications.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.thymeleaf.exceptions.TemplateEngineException;
import org.ticketvendor.notifications.MailTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Every template renders a subject, a text and an HTML body from its model, escaped by the engine. */
class MailTemplatesTests {

    final MailTemplates templates = new MailTemplates();

    static Map<String, Object> model() {
        Map<String, Object> event = new HashMap<>();
        event.put("id", "e1");
        event.put("title", "Fado <Night> & Friends");
        event.put("venue", "Coliseu");
        event.put("address", "Rua das Portas de Santo Antão 96");
        event.put("city", "Lisboa");
        event.put("country", "PT");
        event.put("starts", "Saturday 1 June 2030, 21:00 (Europe/Lisbon)");
        event.put("timezone", "Europe/Lisbon");
        Map<String, Object> model = new HashMap<>();
        model.put("name", "Ana <script>alert(1)</script>");
        model.put("event", event);
        model.put(
                "order",
                Map.of(
                        "id",
                        "o1",
                        "number",
                        "TV-2030-0001",
                        "total",
                        "EUR 50.00",
                        "tickets",
                        2,
                        "lines",
                        List.of(Map.of(
                                "tier", "General", "quantity", 2, "unitPrice", "EUR 25.00", "total", "EUR 50.00"))));
        model.put(
                "ticketList",
                List.of(
                        Map.of("number", "TK-AAA", "tier", "General", "cid", "qr-tk-aaa", "code", "code-a"),
                        Map.of("number", "TK-BBB", "tier", "General", "cid", "qr-tk-bbb", "code", "code-b")));
        model.put("reason", "card_declined");
        model.put("reasonText", "Your card was declined.");
        model.put("payBy", "Saturday 1 June 2030, 20:05 (Europe/Lisbon)");
        model.put("late", false);
        model.put("partial", true);
        model.put("amount", "EUR 25.00");
        model.put("ticketNumbers", List.of("TK-AAA"));
        model.put("tier", Map.of("name", "Balcony", "price", "EUR 30.00"));
        model.put("quantity", 2);
        model.put("expires", "Friday 31 May 2030, 12:00 (Europe/Lisbon)");
        model.put("claimUrl", "https://tickets.example/waitlist/offers/x?a=1&b=2");
        model.put("offerId", "off-1");
        return model;
    }

    @Test
    void everyTemplateRendersSubjectTextAndEscapedHtml() {
        for (MailTemplate template : EnumSet.allOf(MailTemplate.class)) {
            MailTemplates.Rendered mail = templates.render(template, model());
            assertThat(mail.subject()).as(template.id()).isNotBlank().doesNotContain("\n");
            assertThat(mail.text()).as(template.id()).contains("Ticket Vendor").doesNotContain("\n\n\n");
            assertThat(mail.html())
                    .as(template.id())
                    .contains("<html", "Fado &lt;Night&gt; &amp; Friends")
                    .doesNotContain("<Night>", "<script>", "th:text", "th:each", "xmlns:th");
        }
    }

    @Test
    void theConfirmationShowsEachTicketsQrCodeByContentIdAndItsCodeInText() {
        MailTemplates.Rendered mail = templates.render(MailTemplate.ORDER_CONFIRMATION, model());
        assertThat(mail.subject()).isEqualTo("Your tickets for Fado <Night> & Friends (order TV-2030-0001)");
        assertThat(mail.html()).contains("src=\"cid:qr-tk-aaa\"", "src=\"cid:qr-tk-bbb\"", "EUR 50.00", "Coliseu");
        assertThat(mail.text())
                .contains("Ticket TK-AAA (General)", "Code: code-b", "2 x General at EUR 25.00: EUR 50.00")
                .contains("Where: Coliseu, Rua das Portas de Santo Antão 96, Lisboa");
    }

    @Test
    void aLateRefundSaysSoAndAPartialOneListsTheTickets() {
        Map<String, Object> model = model();
        assertThat(templates.render(MailTemplate.ORDER_REFUNDED, model).text())
                .contains("We have refunded EUR 25.00 for 1 ticket(s)", "- TK-AAA", "other tickets")
                .doesNotContain("arrived after");
        model.put("late", true);
        model.put("partial", false);
        assertThat(templates.render(MailTemplate.ORDER_REFUNDED, model).text())
                .contains("arrived after the order had ended")
                .doesNotContain("TK-AAA");
    }

    @Test
    void aWaitlistOfferLinksToTheClaimOrExplainsHowToClaim() {
        Map<String, Object> model = model();
        MailTemplates.Rendered offer = templates.render(MailTemplate.WAITLIST_OFFER, model);
        assertThat(offer.html()).contains("href=\"https://tickets.example/waitlist/offers/x?a=1&amp;b=2\"");
        assertThat(offer.text()).contains("2 x Balcony (EUR 30.00 each)", "until Friday 31 May 2030, 12:00");
        model.put("claimUrl", null);
        assertThat(templates.render(MailTemplate.WAITLIST_OFFER_EXPIRING, model).text())
                .contains("accept offer off-1")
                .doesNotContain("Claim them now");
    }

    @Test
    void aModelStoredAsJsonRendersTheSameAsTheModelItself() {
        JsonMapper json = JsonMapper.builder().build();
        Map<String, Object> stored =
                json.readValue(json.writeValueAsString(model()), new TypeReference<Map<String, Object>>() {});
        for (MailTemplate template : EnumSet.allOf(MailTemplate.class)) {
            assertThat(templates.render(template, stored))
                    .as(template.id())
                    .isEqualTo(templates.render(template, model()));
        }
    }

    @Test
    void aModelWithoutAFieldTheTemplateReadsThroughDoesNotRender() {
        assertThatThrownBy(() -> templates.render(MailTemplate.ORDER_CONFIRMATION, Map.of("name", "Ana")))
                .isInstanceOf(TemplateEngineException.class);
        assertThatThrownBy(() -> templates.subject(MailTemplate.EVENT_CANCELLED, Map.of()))
                .isInstanceOf(TemplateEngineException.class);
        assertThat(templates.subject(MailTemplate.EVENT_CANCELLED, model()))
                .isEqualTo("Fado <Night> & Friends has been cancelled");
    }
}
