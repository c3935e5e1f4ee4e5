package io.foresail.config.model;

/**
 * How field paths are spelled in findings and {@link FieldPositions}:
 * {@code spec.http[0].route[1].destination.host}; map keys that are not plain words are quoted:
 * {@code spec.http[0].match[0].headers["@request.auth.claims.group"]}.
 */
public final class FieldPaths {

    private FieldPaths() {
    }

    public static String child(String parent, String key) {
        String segment = isPlain(key) ? key : "[\"" + key.replace("\"", "\\\"") + "\"]";
        if (parent.isEmpty()) {
            return segment;
        }
        return segment.startsWith("[") ? parent + segment : parent + "." + segment;
    }

    public static String item(String parent, int index) {
        return parent + "[" + index + "]";
    }

    private static boolean isPlain(String key) {
        if (key.isEmpty()) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
