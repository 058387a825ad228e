package org.ticketvendor.audit;

import java.util.Optional;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.ticketvendor.audit.persistence.AuditLogRepository;
import org.ticketvendor.audit.persistence.AuditLogRepository.NewAuditEntry;
import org.ticketvendor.platform.Auditable;
import org.ticketvendor.platform.CurrentUser;
import org.ticketvendor.platform.RequestContext;

/**
 * Writes an audit row for each {@link Auditable} event. A plain (not transactional-phase) listener on
 * purpose: it runs in the publisher's transaction, so there is no change without its audit row and
 * no audit row for a change that rolled back.
 */
@Component
class AuditRecorder {

    private final AuditLogRepository auditLog;

    AuditRecorder(AuditLogRepository auditLog) {
        this.auditLog = auditLog;
    }

    @EventListener
    void on(Auditable event) {
        Optional<CurrentUser> caller = CurrentUser.fromSecurityContext();
        UUID actor = event.actorId() != null
                ? event.actorId()
                : caller.map(CurrentUser::id).orElse(null);
        String role =
                caller.filter(c -> c.id().equals(actor)).map(CurrentUser::role).orElse(null);
        auditLog.insert(new NewAuditEntry(
                actor,
                role,
                event.action(),
                event.entityType(),
                event.entityId(),
                event.before(),
                event.after(),
                RequestContext.requestId(),
                RequestContext.clientIp()));
    }
}
