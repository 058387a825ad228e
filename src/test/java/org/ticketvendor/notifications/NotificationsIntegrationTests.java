package org.ticketvendor.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;
import org.ticketvendor.notifications.Outbox.Row;
import org.ticketvendor.orders.Orders;
import org.ticketvendor.orders.SaleFixture;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;
import org.ticketvendor.tickets.TicketsIssued;

/**
 * The outbox with no transport configured (recording mode): which changes enqueue which mails, in
 * their own transaction, once; what the mails say; and the admin view.
 */
@IntegrationTest
class NotificationsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Notifications notifications;

    @Autowired
    MailDispatcher dispatcher;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    Orders orders;

    ApiClient api;
    SaleFixture sale;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        sale = SaleFixture.publishedEvent(api, 50, 2500, 10);
    }

    @Test
    void buyingTicketsEnqueuesAConfirmationUnrenderedWithTheTicketsCodesForItsQrImages() {
        String[] buyer = Outbox.newBuyer(api);
        String orderId = sale.buy(api, buyer[1], 2);

        List<Row> rows = Outbox.of(jdbc, buyer[0]);
        assertThat(rows).hasSize(1);
        Row mail = rows.get(0);
        assertThat(mail.template()).isEqualTo("order-confirmation");
        assertThat(mail.status()).isEqualTo("pending");
        assertThat(mail.reference()).isEqualTo(orderId);
        assertThat(mail.subject()).as("rendered when sent, not in the payment").isNull();
        assertThat(mail.bodyText()).isNull();
        assertThat(mail.bodyHtml()).isNull();
        assertThat(storedImages(mail.id()))
                .as("no QR code drawn in the payment")
                .isZero();

        EmailNotification preview = notifications.find(mail.id()).orElseThrow();
        assertThat(preview.subject()).startsWith("Your tickets for Sale ");
        List<Map<String, String>> tickets =
                api.as(buyer[1]).get("/api/v1/tickets").path("items");
        assertThat(tickets).hasSize(2);
        assertThat(preview.images()).hasSize(2);
        for (Map<String, String> ticket : tickets) {
            String cid = "qr-" + ticket.get("ticket_number").toLowerCase();
            assertThat(mail.templateModel()).contains(ticket.get("ticket_number"), ticket.get("code"));
            assertThat(qrContent(mail.id(), cid)).isEqualTo(ticket.get("code"));
            assertThat(preview.bodyHtml()).contains("src=\"cid:" + cid + "\"");
            assertThat(preview.bodyText()).contains(ticket.get("ticket_number"), ticket.get("code"));
            assertThat(preview.images())
                    .anySatisfy(image -> assertThat(image.contentId()).isEqualTo(cid));
        }
        assertThat(preview.bodyText()).contains("Arena", "Porto", "2 x General at EUR 25.00: EUR 50.00");
    }

    @Test
    void recordingModeRecordsMailsWithoutSendingAndTheAdminSeesThem() {
        String[] buyer = Outbox.newBuyer(api);
        String orderId = sale.buy(api, buyer[1], 1);
        Outbox.parkOthers(jdbc);
        UUID id = Outbox.of(jdbc, buyer[0]).get(0).id();
        Outbox.makeDue(jdbc, id);

        assertThat(dispatcher.dispatchDue().recorded()).isEqualTo(1);

        Row recorded = Outbox.one(jdbc, id);
        assertThat(recorded.status()).isEqualTo("recorded");
        assertThat(recorded.provider()).isEqualTo("recording");
        assertThat(recorded.subject()).as("what went out is kept").startsWith("Your tickets for Sale ");
        assertThat(recorded.bodyText()).contains("Your tickets (1)");
        String admin = api.adminToken();
        api.as(admin)
                .queryParam("recipient", buyer[0].toUpperCase())
                .queryParam("status", "recorded")
                .queryParam("template", "order-confirmation")
                .get("/api/v1/admin/notifications")
                .then()
                .statusCode(200)
                .body("total_items", equalTo(1))
                .body("items", hasSize(1))
                .body("items[0].id", equalTo(id.toString()))
                .body("items[0].reference", equalTo(orderId))
                .body("items[0].body_html", equalTo(null));
        api.as(admin)
                .get("/api/v1/admin/notifications/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("recorded"))
                .body("dedupe_key", equalTo("order-confirmation:" + orderId))
                .body("inline_images", hasSize(1))
                .body("inline_images[0].content_type", equalTo("image/png"))
                .body("body_text", org.hamcrest.Matchers.containsString("Your tickets (1)"))
                .body("body_html", org.hamcrest.Matchers.containsString("cid:qr-tk-"));
        assertThat(dispatcher.dispatchDue().total()).isZero();
    }

    @Test
    void theSameEventTwiceEnqueuesOneMail() {
        String[] buyer = Outbox.newBuyer(api);
        String orderId = sale.buy(api, buyer[1], 2);
        UUID buyerId = UUID.fromString(api.as(buyer[1]).get("/api/v1/users/me").path("id"));

        transactions.executeWithoutResult(
                s -> events.publishEvent(new TicketsIssued(UUID.fromString(orderId), buyerId, 2)));

        assertThat(Outbox.of(jdbc, buyer[0])).hasSize(1);
        Mail mail = new Mail(
                MailTemplate.EVENT_CANCELLED, buyer[0], Outbox.simpleModel("Twice"), "test-dedupe:" + orderId, null);
        assertThat(inTransaction(() -> notifications.enqueue(mail))).isTrue();
        assertThat(inTransaction(() -> notifications.enqueue(mail))).isFalse();
        assertThat(Outbox.of(jdbc, buyer[0])).hasSize(2);
    }

    @Test
    void mailsAreEnqueuedOnlyInsideTheChangesTransaction() {
        Mail mail =
                new Mail(MailTemplate.EVENT_CANCELLED, "x@example.test", Outbox.simpleModel("No tx"), "no-tx", null);
        assertThatThrownBy(() -> notifications.enqueue(mail)).isInstanceOf(IllegalTransactionStateException.class);
        assertThat(Outbox.of(jdbc, "x@example.test")).isEmpty();
    }

    @Test
    void cancellingExpiringAndDecliningOrdersMailTheBuyer() {
        String[] buyer = Outbox.newBuyer(api);
        String cancelled = Outbox.place(api, buyer[1], sale.tierId(), 1).path("id");
        api.as(buyer[1]).post("/api/v1/orders/" + cancelled + "/cancel").then().statusCode(200);
        String expired = Outbox.place(api, buyer[1], sale.tierId(), 2).path("id");
        orders.expire(UUID.fromString(expired));
        Response declined = Outbox.place(api, buyer[1], sale.tierId(), 1);
        api.as(buyer[1])
                .body("""
                        {"payment_method": "pm_test_declines"}
                        """)
                .post("/api/v1/payments/test-mode/" + declined.path("payment.provider_payment_id") + "/pay");

        List<Row> rows = Outbox.of(jdbc, buyer[0]);
        assertThat(rows)
                .extracting(Row::template, Row::reference)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("order-cancelled", cancelled),
                        org.assertj.core.groups.Tuple.tuple("hold-expired", expired),
                        org.assertj.core.groups.Tuple.tuple("payment-failed", declined.<String>path("id")));
        assertThat(text(rows, "hold-expired")).contains("the 2 ticket(s) we held", "released");
        assertThat(text(rows, "payment-failed")).contains("Your card was declined.", "held for you until");
        assertThat(text(rows, "order-cancelled")).contains("is cancelled", "no payment was taken");
    }

    @Test
    void aRefundMailsTheBuyerTheAmountAndTheRefundedTickets() {
        String[] buyer = Outbox.newBuyer(api);
        String orderId = sale.buy(api, buyer[1], 2);
        String ticket = api.as(buyer[1]).get("/api/v1/tickets").path("items[0].id");
        String number = api.as(buyer[1]).get("/api/v1/tickets").path("items[0].ticket_number");

        api.as(sale.promoterToken())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body("""
                        {"ticket_ids": ["%s"], "reason": "requested_by_customer"}
                        """.formatted(ticket))
                .post("/api/v1/orders/" + orderId + "/refund")
                .then()
                .statusCode(200);

        EmailNotification refund = shown(Outbox.of(jdbc, buyer[0]), "order-refunded");
        assertThat(refund.subject()).startsWith("Refund of EUR 25.00 for Sale ");
        assertThat(refund.bodyText()).contains("1 ticket(s)", number, "other tickets for this order remain valid");
    }

    @Test
    void cancellingAnEventMailsEachBuyerWithAPaidOrderOnce() {
        String[] first = Outbox.newBuyer(api);
        String[] second = Outbox.newBuyer(api);
        String[] waiting = Outbox.newBuyer(api);
        sale.buy(api, first[1], 1);
        sale.buy(api, first[1], 1);
        sale.buy(api, second[1], 3);
        Outbox.place(api, waiting[1], sale.tierId(), 1);

        api.as(sale.promoterToken())
                .post("/api/v1/events/" + sale.eventId() + "/cancel")
                .then()
                .statusCode(200);

        for (String[] buyer : List.of(first, second)) {
            List<Row> cancelled = Outbox.of(jdbc, buyer[0]).stream()
                    .filter(r -> r.template().equals("event-cancelled"))
                    .toList();
            assertThat(cancelled).hasSize(1);
            assertThat(cancelled.get(0).reference()).isEqualTo(sale.eventId().toString());
            assertThat(notifications.find(cancelled.get(0).id()).orElseThrow().bodyText())
                    .contains("has been cancelled", "Arena");
        }
        assertThat(Outbox.of(jdbc, waiting[0])).isEmpty();
    }

    @Test
    void waitlistOffersAndRemindersAreReadyForTheWaitlistOnceEach() {
        String[] buyer = Outbox.newBuyer(api);
        UUID userId = UUID.fromString(api.as(buyer[1]).get("/api/v1/users/me").path("id"));
        WaitlistOffer offer = new WaitlistOffer(
                UUID.randomUUID(),
                userId,
                sale.tierId(),
                2,
                Instant.parse("2030-05-30T10:00:00Z"),
                "https://tickets.example/claim?offer=1&go=now");

        assertThat(inTransaction(() -> notifications.waitlistOffer(offer))).isTrue();
        assertThat(inTransaction(() -> notifications.waitlistOffer(offer))).isFalse();
        assertThat(inTransaction(() -> notifications.waitlistOfferExpiring(offer)))
                .isTrue();

        List<Row> rows = Outbox.of(jdbc, buyer[0]);
        assertThat(rows).extracting(Row::template).containsExactly("waitlist-offer", "waitlist-offer-expiring");
        EmailNotification offered = shown(rows, "waitlist-offer");
        assertThat(offered.bodyText())
                .contains("2 x General (EUR 25.00 each)", "Thursday 30 May 2030, 10:00 (UTC)")
                .contains("https://tickets.example/claim?offer=1&go=now");
        assertThat(offered.bodyHtml()).contains("href=\"https://tickets.example/claim?offer=1&amp;go=now\"");
        assertThat(shown(rows, "waitlist-offer-expiring").subject()).contains("expires soon");
    }

    @Test
    void onlyAdminsReadTheOutbox() {
        String[] buyer = Outbox.newBuyer(api);
        String orderId = sale.buy(api, buyer[1], 1);
        UUID id = Outbox.of(jdbc, buyer[0]).get(0).id();

        api.as(buyer[1]).get("/api/v1/admin/notifications").then().statusCode(403);
        api.as(buyer[1]).get("/api/v1/admin/notifications/" + id).then().statusCode(403);
        api.as(sale.promoterToken())
                .queryParam("recipient", buyer[0])
                .get("/api/v1/admin/notifications")
                .then()
                .statusCode(403);
        api.anonymous().get("/api/v1/admin/notifications/" + id).then().statusCode(401);

        String admin = api.adminToken();
        api.as(admin)
                .queryParam("status", "lost")
                .get("/api/v1/admin/notifications")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid_filter"));
        api.as(admin)
                .queryParam("template", "spam")
                .get("/api/v1/admin/notifications")
                .then()
                .statusCode(400);
        api.as(admin)
                .queryParam("size", 101)
                .get("/api/v1/admin/notifications")
                .then()
                .statusCode(400);
        api.as(admin)
                .get("/api/v1/admin/notifications/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .body("code", equalTo("notification_not_found"));
        api.as(admin)
                .queryParam("recipient", buyer[0])
                .queryParam("size", 1)
                .get("/api/v1/admin/notifications")
                .then()
                .statusCode(200)
                .body("items[0].reference", equalTo(orderId))
                .body("items[0].status", equalTo("pending"))
                .body("items[0].subject", org.hamcrest.Matchers.startsWith("Your tickets for Sale "));
    }

    private boolean inTransaction(java.util.function.Supplier<Boolean> work) {
        return Boolean.TRUE.equals(transactions.execute(s -> work.get()));
    }

    /** The admin view of the row with that template: rendered on demand while it is not sent. */
    private EmailNotification shown(List<Row> rows, String template) {
        UUID id = rows.stream()
                .filter(r -> r.template().equals(template))
                .findFirst()
                .orElseThrow()
                .id();
        return notifications.find(id).orElseThrow();
    }

    private String text(List<Row> rows, String template) {
        return shown(rows, template).bodyText();
    }

    private int storedImages(UUID id) {
        return jdbc.sql("select jsonb_array_length(inline_images) from email_notifications where id = :id")
                .param("id", id)
                .query(Integer.class)
                .single();
    }

    private String qrContent(UUID id, String contentId) {
        return jdbc.sql("""
                        select code ->> 'content' from email_notifications, jsonb_array_elements(qr_codes) code
                        where id = :id and code ->> 'content_id' = :cid
                        """)
                .param("id", id)
                .param("cid", contentId)
                .query(String.class)
                .single();
    }

    /**
     * Reads a QR code, looking for QR codes only: ZXing trying every barcode format missed about 2%
     * of a thousand random ticket codes (NotFoundException); limited to QR codes it read them all. A
     * CI run still saw one NotFoundException from the mail test (not reproduced in 3,000 codes since):
     * the reader tries harder, then reads the image as the pure, unrotated code it is.
     */
    static String decodeQr(byte[] png) throws Exception {
        var image = ImageIO.read(new ByteArrayInputStream(png));
        var bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        try {
            return new MultiFormatReader()
                    .decode(
                            bitmap,
                            Map.of(
                                    DecodeHintType.POSSIBLE_FORMATS,
                                    List.of(BarcodeFormat.QR_CODE),
                                    DecodeHintType.TRY_HARDER,
                                    Boolean.TRUE))
                    .getText();
        } catch (NotFoundException e) {
            return new MultiFormatReader()
                    .decode(
                            bitmap,
                            Map.of(
                                    DecodeHintType.POSSIBLE_FORMATS,
                                    List.of(BarcodeFormat.QR_CODE),
                                    DecodeHintType.PURE_BARCODE,
                                    Boolean.TRUE))
                    .getText();
        }
    }
}
