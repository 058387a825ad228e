package org.ticketvendor.platform.web;

/** Java property paths as the client sees them in JSON: snake_case, dotted for nesting. */
final class JsonNames {

    private JsonNames() {}

    /** {@code contactEmail} → {@code contact_email}; the same rule as Jackson's SNAKE_CASE. */
    static String snakeCase(String javaPath) {
        if (javaPath == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(javaPath.length() + 4);
        for (int i = 0; i < javaPath.length(); i++) {
            char c = javaPath.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0 && javaPath.charAt(i - 1) != '.' && !Character.isUpperCase(javaPath.charAt(i - 1))) {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
