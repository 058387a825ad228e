package org.ticketvendor.analytics.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CsvWriterTests {

    @Test
    void plainTextStaysAsItIs() {
        assertThat(CsvWriter.escape("Ana Souza")).isEqualTo("Ana Souza");
        assertThat(CsvWriter.escape("")).isEqualTo("");
        assertThat(CsvWriter.escape("a-b=c")).isEqualTo("a-b=c");
    }

    @Test
    void fieldsWithSeparatorsQuotesOrLineBreaksAreQuotedWithQuotesDoubled() {
        assertThat(CsvWriter.escape("Smith, John")).isEqualTo("\"Smith, John\"");
        assertThat(CsvWriter.escape("The \"Boss\"")).isEqualTo("\"The \"\"Boss\"\"\"");
        assertThat(CsvWriter.escape("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CsvWriter.escape("cr\rinside")).isEqualTo("\"cr\rinside\"");
    }

    @Test
    void formulaLikeTextIsPrefixedWithAQuote() {
        assertThat(CsvWriter.escape("=1+1")).isEqualTo("'=1+1");
        assertThat(CsvWriter.escape("+33 6 12")).isEqualTo("'+33 6 12");
        assertThat(CsvWriter.escape("-2")).isEqualTo("'-2");
        assertThat(CsvWriter.escape("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvWriter.escape("\tcmd")).isEqualTo("'\tcmd");
        assertThat(CsvWriter.escape("\rcmd")).isEqualTo("\"'\rcmd\"");
        assertThat(CsvWriter.escape("=HYPERLINK(\"http://x\",\"y\")"))
                .isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    }

    @Test
    void rowsAreCommaSeparatedAndEndWithCrLf() {
        StringWriter out = new StringWriter();
        UUID id = UUID.fromString("00000000-0000-0000-0000-00000000002a");
        new CsvWriter(out)
                .row("a", "b,c")
                .text(null)
                .number(-5)
                .time(Instant.parse("2030-01-02T03:04:05Z"))
                .time(null)
                .id(id)
                .id(null)
                .end()
                .flush();
        assertThat(out.toString()).isEqualTo("a,\"b,c\"\r\n,-5,2030-01-02T03:04:05Z,," + id + ",\r\n");
    }

    @Test
    void aWriterThatFailsSurfacesAsUncheckedIo() {
        Writer broken = new Writer() {
            @Override
            public void write(char[] buf, int off, int len) throws IOException {
                throw new IOException("Broken pipe");
            }

            @Override
            public void flush() throws IOException {
                throw new IOException("Broken pipe");
            }

            @Override
            public void close() {}
        };
        CsvWriter csv = new CsvWriter(broken);
        assertThatThrownBy(() -> csv.text("x")).isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(csv::flush).isInstanceOf(UncheckedIOException.class);
    }
}
