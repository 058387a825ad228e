package org.ticketvendor.analytics.domain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.UUID;

/**
 * Writes RFC 4180 CSV: fields separated by commas, records ended by CRLF, a field with a comma,
 * double quote, CR or LF enclosed in double quotes with its quotes doubled. Text that a spreadsheet
 * would run as a formula (starting with {@code = + - @}, a tab or a CR) is prefixed with a single
 * quote, so an attendee named {@code =HYPERLINK(...)} stays a name (OWASP's advice on CSV
 * injection). Numbers and times are written as they are. Write errors (a client that went away)
 * surface as {@link UncheckedIOException}.
 */
public final class CsvWriter {

    private static final String FORMULA_LEADS = "=+-@\t\r";

    private final Writer out;
    private boolean rowStarted;

    public CsvWriter(Writer out) {
        this.out = out;
    }

    /** A header or data row of text cells. */
    public CsvWriter row(String... cells) {
        for (String cell : cells) {
            text(cell);
        }
        return end();
    }

    public CsvWriter text(String value) {
        return cell(value == null ? "" : escape(value));
    }

    public CsvWriter number(long value) {
        return cell(Long.toString(value));
    }

    /** ISO-8601 in UTC, empty when null. */
    public CsvWriter time(Instant value) {
        return cell(value == null ? "" : value.toString());
    }

    public CsvWriter id(UUID value) {
        return cell(value == null ? "" : value.toString());
    }

    /** Ends the current record. */
    public CsvWriter end() {
        write("\r\n");
        rowStarted = false;
        return this;
    }

    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One text field as it appears in the file: neutralised if formula-like, then quoted if needed. */
    public static String escape(String value) {
        String safe = !value.isEmpty() && FORMULA_LEADS.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quote = false;
        for (int i = 0; i < safe.length() && !quote; i++) {
            char c = safe.charAt(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }

    private CsvWriter cell(String field) {
        write(rowStarted ? "," + field : field);
        rowStarted = true;
        return this;
    }

    private void write(String s) {
        try {
            out.write(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
