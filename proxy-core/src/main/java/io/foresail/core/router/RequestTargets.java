package io.foresail.core.router;

/**
 * Functions on the request target of an HTTP/1.1 request line (RFC 9112 §3.2): origin-form
 * {@code /a/b?q}, absolute-form {@code http://host:port/a/b?q}, and asterisk-form {@code *}.
 */
public final class RequestTargets {

    private RequestTargets() {
    }

    /** True for {@code http://…} and {@code https://…} targets (any case). */
    public static boolean isAbsoluteForm(String target) {
        return target.length() > 0 && target.charAt(0) != '/' && schemeEnd(target) > 0;
    }

    /**
     * The path of {@code target} without query or fragment: {@code /a?x=1} → {@code /a};
     * {@code http://h/a?x} → {@code /a}; {@code http://h} → {@code /}. Returns the input itself
     * when it is already a bare path, so the common case allocates nothing.
     */
    public static String path(String target) {
        int start = 0;
        if (isAbsoluteForm(target)) {
            start = authorityEnd(target);
            if (start == target.length() || target.charAt(start) != '/') {
                return "/";
            }
        }
        int end = target.length();
        for (int i = start; i < end; i++) {
            char c = target.charAt(i);
            if (c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        if (start == 0 && end == target.length()) {
            return target;
        }
        String path = target.substring(start, end);
        return path.isEmpty() ? "/" : path;
    }

    /** The authority of an absolute-form {@code target}, or {@code null} for other forms. */
    public static String authority(String target) {
        if (!isAbsoluteForm(target)) {
            return null;
        }
        return target.substring(schemeEnd(target) + 3, authorityEnd(target));
    }

    /** Index just after the authority of an absolute-form {@code target}: its first {@code /}, {@code ?} or {@code #}, else its length. */
    private static int authorityEnd(String target) {
        int end = target.length();
        for (int i = schemeEnd(target) + 3; i < end; i++) {
            char c = target.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                return i;
            }
        }
        return end;
    }

    /** The origin-form of an absolute-form {@code target}: path and query; {@code /} when empty. */
    public static String originForm(String target) {
        if (!isAbsoluteForm(target)) {
            return target;
        }
        int end = authorityEnd(target);
        if (end == target.length()) {
            return "/";
        }
        return target.charAt(end) == '/' ? target.substring(end) : "/" + target.substring(end);
    }

    /** Index of {@code :} in {@code http://} or {@code https://} at the start, else -1. */
    private static int schemeEnd(String target) {
        if (target.regionMatches(true, 0, "http://", 0, 7)) {
            return 4;
        }
        if (target.regionMatches(true, 0, "https://", 0, 8)) {
            return 5;
        }
        return -1;
    }
}
