package io.foresail.config.table;

/** Functions on host names as they arrive in Host headers. */
public final class HostNames {

    private HostNames() {
    }

    /**
     * The host part of an authority, lower-cased, without a port: {@code Foo.COM:8080} →
     * {@code foo.com}, {@code [::1]:80} → {@code [::1]}. Returns the input itself when it is
     * already normal, so the common case allocates nothing.
     */
    public static String normalise(String authority) {
        if (authority == null) {
            return "";
        }
        int end = authority.length();
        if (end > 0 && authority.charAt(0) == '[') {
            int close = authority.indexOf(']');
            if (close > 0) {
                end = close + 1;
            }
        } else {
            int colon = authority.lastIndexOf(':');
            if (colon >= 0) {
                end = colon;
            }
        }
        boolean lower = true;
        for (int i = 0; i < end; i++) {
            char c = authority.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                lower = false;
                break;
            }
        }
        String host = end == authority.length() ? authority : authority.substring(0, end);
        return lower ? host : host.toLowerCase(java.util.Locale.ROOT);
    }
}
