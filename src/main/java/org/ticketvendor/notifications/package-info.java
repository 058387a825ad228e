/**
 * Notifications: the e-mail outbox. Other modules' state changes enqueue mails in their own
 * transaction ({@link org.ticketvendor.notifications.Notifications#enqueue}) as a template id and
 * the model captured at that moment, deduplicated by key; a job claims due rows with {@code FOR
 * UPDATE SKIP LOCKED} under a lease, renders them (Thymeleaf templates, QR codes drawn by tickets),
 * sends them outside any transaction through the one configured sender (SMTP, SendGrid, or
 * recording when neither is configured), and records the outcome with exponential backoff and a
 * bounded number of attempts. Listens to orders ({@code OrderChanged}), tickets ({@code
 * TicketsIssued}), payments ({@code PaymentFailed}) and catalog ({@code CatalogChanged}); reads
 * recipients from identity, event details from catalog, ticket codes and their QR images from
 * tickets and an event's buyers from orders. No module depends on it except to enqueue mails.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications")
package org.ticketvendor.notifications;
