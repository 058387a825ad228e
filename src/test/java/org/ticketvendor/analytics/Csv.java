package org.ticketvendor.analytics;

import java.util.ArrayList;
import java.util.List;

/** A strict RFC 4180 reader for tests: CRLF records, quoted fields with doubled quotes. */
final class Csv {

    private Csv() {}

    static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' && field.isEmpty()) {
                int j = i + 1;
                while (true) {
                    char q = text.charAt(j);
                    if (q == '"' && j + 1 < text.length() && text.charAt(j + 1) == '"') {
                        field.append('"');
                        j += 2;
                    } else if (q == '"') {
                        j++;
                        break;
                    } else {
                        field.append(q);
                        j++;
                    }
                }
                i = j;
                continue;
            }
            if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                i++;
            } else if (c == '\r') {
                if (text.charAt(i + 1) != '\n') {
                    throw new IllegalArgumentException("Bare CR at " + i);
                }
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i += 2;
            } else if (c == '\n') {
                throw new IllegalArgumentException("Bare LF at " + i);
            } else {
                field.append(c);
                i++;
            }
        }
        if (!record.isEmpty() || !field.isEmpty()) {
            throw new IllegalArgumentException("Last record not ended by CRLF");
        }
        return records;
    }
}
