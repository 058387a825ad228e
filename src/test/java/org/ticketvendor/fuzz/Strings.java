package org.ticketvendor.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/** Random strings: ordinary ones, nasty ones, and ones matching the simple regular expressions of a schema. */
final class Strings {

    private static final String ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /** Strings that have broken servers before: control characters, escapes, traversal, injection, odd Unicode. */
    static final List<String> NASTY = List.of(
            "",
            " ",
            "\u0000",
            "a\u0000b",
            "\t\r\n",
            "\u0007\u001b[31m",
            "null",
            "undefined",
            "NaN",
            "-1",
            "0",
            "1e309",
            "true",
            "%00",
            "%",
            "%zz",
            "../../../../etc/passwd",
            "..%2f..%2f..%2fetc%2fpasswd",
            "..\\..\\..\\windows\\win.ini",
            "/",
            "//",
            "?x=1&y=2#z",
            "<script>alert(1)</script>",
            "' OR '1'='1",
            "'; drop table users; --",
            "\\",
            "\"",
            "${jndi:ldap://127.0.0.1/a}",
            "{{7*7}}",
            "%s%s%s%n",
            "\u202eevil\u202c",
            "\ufeffbom",
            "\ud83d\udc4d\ud83c\udffd",
            "Z\u0324\u0354\u0367\u0311\u0313a\u0308\u0356\u032dl\u036e\u0312\u036bo\u030c\u0336\u034e",
            "\ud800",
            "\udfff\ud800",
            "\u0130\u0131\u00df",
            "\uffff\ufffe",
            "日本語のテキスト",
            "العربية",
            "0000-00-00T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z",
            "-292275055-05-16T16:47:04.192Z",
            "00000000-0000-0000-0000-000000000000",
            "ffffffff-ffff-ffff-ffff-ffffffffffff",
            "not-a-uuid",
            "9223372036854775808",
            "-9223372036854775809",
            "2147483648",
            "1.5",
            "0x10",
            "+1",
            " 1 ",
            "[]",
            "{}",
            "@",
            "a@b",
            "user@localhost",
            "x".repeat(256),
            "é".repeat(300));

    private Strings() {}

    static String random(RandomGenerator random, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
        }
        return s.toString();
    }

    static String nasty(RandomGenerator random) {
        return switch (random.nextInt(10)) {
            case 0 -> "x".repeat(1 + random.nextInt(20_000));
            case 1 -> "\ud83d\ude00".repeat(1 + random.nextInt(3000));
            case 2 -> randomUnicode(random, 1 + random.nextInt(200));
            default -> NASTY.get(random.nextInt(NASTY.size()));
        };
    }

    /** Code points from all over the range, control characters and unpaired surrogates included. */
    static String randomUnicode(RandomGenerator random, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(5);
            if (kind == 0) {
                s.append((char) random.nextInt(0x20));
            } else if (kind == 1) {
                s.append((char) (0xd800 + random.nextInt(0x800)));
            } else {
                s.appendCodePoint(random.nextInt(0x10ffff));
            }
        }
        return s.toString();
    }

    /** A string the whole of which {@code regex} matches, or null when this small generator cannot make one. */
    static String matching(RandomGenerator random, String regex) {
        Pattern pattern = Pattern.compile(regex);
        for (int attempt = 0; attempt < 8; attempt++) {
            try {
                String candidate = new Generator(regex, random).alternation();
                if (pattern.matcher(candidate).matches()) {
                    return candidate;
                }
            } catch (RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    /** Recursive descent over a subset of regex syntax: literals, escapes, classes, groups, |, and ? * + {n,m}. */
    private static final class Generator {
        private final String re;
        private final RandomGenerator random;
        private int pos;

        Generator(String re, RandomGenerator random) {
            this.re = re;
            this.random = random;
        }

        String alternation() {
            List<String> branches = new ArrayList<>();
            branches.add(sequence());
            while (pos < re.length() && re.charAt(pos) == '|') {
                pos++;
                branches.add(sequence());
            }
            return branches.get(random.nextInt(branches.size()));
        }

        private String sequence() {
            StringBuilder out = new StringBuilder();
            while (pos < re.length() && re.charAt(pos) != '|' && re.charAt(pos) != ')') {
                char c = re.charAt(pos);
                if (c == '^' || c == '$') {
                    pos++;
                    continue;
                }
                int start = pos;
                atom();
                int end = pos;
                int[] range = quantifier();
                int times = range[0] + random.nextInt(range[1] - range[0] + 1);
                for (int i = 0; i < times; i++) {
                    int save = pos;
                    pos = start;
                    out.append(atom());
                    pos = save;
                }
                if (end == pos) {
                    pos = end;
                }
            }
            return out.toString();
        }

        private int[] quantifier() {
            if (pos >= re.length()) {
                return new int[] {1, 1};
            }
            char c = re.charAt(pos);
            if (c == '?') {
                pos++;
                return new int[] {0, 1};
            }
            if (c == '*') {
                pos++;
                return new int[] {0, 4};
            }
            if (c == '+') {
                pos++;
                return new int[] {1, 5};
            }
            if (c == '{') {
                int close = re.indexOf('}', pos);
                String[] parts = re.substring(pos + 1, close).split(",", -1);
                pos = close + 1;
                int min = Integer.parseInt(parts[0].trim());
                int max = parts.length == 1 ? min : parts[1].isBlank() ? min + 5 : Integer.parseInt(parts[1].trim());
                return new int[] {min, Math.min(max, min + 12)};
            }
            return new int[] {1, 1};
        }

        private String atom() {
            char c = re.charAt(pos);
            if (c == '(') {
                pos++;
                if (re.startsWith("?:", pos)) {
                    pos += 2;
                }
                String inner = alternation();
                pos++; // ')'
                return inner;
            }
            if (c == '[') {
                return String.valueOf(charClass());
            }
            if (c == '\\') {
                pos += 2;
                return String.valueOf(escape(re.charAt(pos - 1)));
            }
            pos++;
            return c == '.' ? String.valueOf(ALNUM.charAt(random.nextInt(ALNUM.length()))) : String.valueOf(c);
        }

        private char escape(char e) {
            return switch (e) {
                case 'd' -> (char) ('0' + random.nextInt(10));
                case 'w', 'S' -> ALNUM.charAt(random.nextInt(ALNUM.length()));
                case 's' -> ' ';
                default -> e;
            };
        }

        private char charClass() {
            pos++; // '['
            if (re.charAt(pos) == '^') {
                throw new IllegalArgumentException("negated class");
            }
            List<Character> options = new ArrayList<>();
            while (re.charAt(pos) != ']') {
                char from = re.charAt(pos);
                if (from == '\\') {
                    from = escape(re.charAt(pos + 1));
                    pos += 2;
                } else {
                    pos++;
                }
                if (re.charAt(pos) == '-' && re.charAt(pos + 1) != ']') {
                    char to = re.charAt(pos + 1);
                    pos += 2;
                    for (char x = from; x <= to; x++) {
                        options.add(x);
                    }
                } else {
                    options.add(from);
                }
            }
            pos++; // ']'
            return options.get(random.nextInt(options.size()));
        }
    }
}
