package org.ticketvendor.audit;

import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.ticketvendor.audit.persistence.AuditLogRepository;

/** Reading the audit log: the audit module's API. */
@Service
public class AuditLog {

    private final AuditLogRepository entries;

    AuditLog(AuditLogRepository entries) {
        this.entries = entries;
    }

    /** A page of entries and where the next one starts (null on the last page). */
    public record AuditPage(List<AuditEntry> entries, AuditCursor next) {}

    /**
     * Entries matching the query, newest first (by time, then id), at most {@code size}. Keyset
     * pagination: a page costs the same however deep into the log it is, and entries written while
     * a client pages never shift the pages it has not read yet.
     */
    @Transactional(readOnly = true)
    public AuditPage search(AuditQuery query, int size) {
        List<AuditEntry> found = entries.search(query, size + 1);
        if (found.size() <= size) {
            return new AuditPage(found, null);
        }
        List<AuditEntry> page = found.subList(0, size);
        return new AuditPage(List.copyOf(page), AuditCursor.of(page.get(size - 1)));
    }
}
