package org.ticketvendor.analytics;

import java.io.Writer;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.ticketvendor.analytics.AnalyticsExceptions.ExportsBusyException;
import org.ticketvendor.analytics.domain.CsvWriter;
import org.ticketvendor.analytics.persistence.ExportRepository;
import org.ticketvendor.catalog.Catalog;

/**
 * CSV exports of an event's orders and attendees for its promoter or an admin. Streamed from a
 * database cursor to the client, so their size does not matter to memory; each one holds a database
 * connection while it streams, hence a small limit per instance. Every export is audited before its
 * first row.
 */
@Service
public class AnalyticsExports {

    /** What to export. */
    public enum Kind {
        ORDERS("orders", ExportRepository.ORDER_COLUMNS),
        ATTENDEES("attendees", ExportRepository.ATTENDEE_COLUMNS);

        private final String file;
        private final String[] columns;

        Kind(String file, String[] columns) {
            this.file = file;
            this.columns = columns;
        }

        /** The file's base name: {@code orders}, {@code attendees}. */
        public String file() {
            return file;
        }
    }

    private final Catalog catalog;
    private final ExportRepository exports;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate writes;
    private final TransactionTemplate reads;
    private final Semaphore permits;

    AnalyticsExports(
            Catalog catalog,
            ExportRepository exports,
            ApplicationEventPublisher events,
            PlatformTransactionManager txManager,
            AnalyticsSettings settings) {
        this.catalog = catalog;
        this.exports = exports;
        this.events = events;
        this.writes = new TransactionTemplate(txManager);
        this.reads = new TransactionTemplate(txManager);
        this.reads.setReadOnly(true);
        this.permits = new Semaphore(settings.maxConcurrentExports());
    }

    /**
     * Checks that the editor may see the event (404 otherwise), records the export in the audit log,
     * then asks {@code open} for the writer (the caller sets its response headers there: nothing is
     * sent before the checks pass) and streams the rows into it.
     *
     * @return how many rows were written after the header
     */
    public long export(Catalog.Editor editor, UUID eventId, Kind kind, Supplier<Writer> open) {
        catalog.owned(editor, eventId);
        if (!permits.tryAcquire()) {
            throw new ExportsBusyException();
        }
        try {
            writes.executeWithoutResult(s -> events.publishEvent(new ExportStarted(eventId, kind.file())));
            CsvWriter csv = new CsvWriter(open.get());
            csv.row(kind.columns);
            Long rows = reads.execute(
                    s -> kind == Kind.ORDERS ? exports.orders(eventId, csv) : exports.attendees(eventId, csv));
            csv.flush();
            return rows == null ? 0 : rows;
        } finally {
            permits.release();
        }
    }
}
