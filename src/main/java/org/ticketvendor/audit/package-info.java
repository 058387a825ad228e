/**
 * Audit: the append-only {@code audit_log}. Listens synchronously for every {@link
 * org.ticketvendor.platform.Auditable} event, inside the transaction that published it, so a change
 * and its audit row commit or roll back together, and lets admins read it ({@link
 * org.ticketvendor.audit.AuditLog}: filters, newest first, keyset pages). Knows no other module: what
 * to record is said by the event itself.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit")
package org.ticketvendor.audit;
