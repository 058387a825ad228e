/**
 * Notifications: the e-mail outbox. Other modules' state changes enqueue mails in their own
 * transaction ({@link org.ticketvendor.notifications.Notifications#enqueue}), rendered from
 * Thymeleaf templates at that moment and deduplicated by key; a job claims due rows with {@code FOR
 * UPDATE SKIP LOCKED} under a lease, sends them outside any transaction through the one configured
 * sender (SMTP, SendGrid, or recording when neither is configured), and records the outcome with
 * exponential backoff and a bounded number of attempts. Listens to orders ({@code OrderChanged}),
 * tickets ({@code TicketsIssued}), payments ({@code PaymentFailed}) and catalog ({@code
 * CatalogChanged}); reads recipients from identity, event details from catalog, QR codes from
 * tickets and an event's buyers from orders. No module depends on it except to enqueue mails.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications")
package org.ticketvendor.notifications;
