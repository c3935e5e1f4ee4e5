package io.foresail.config.validate;

import java.util.Locale;

/**
 * Istio's host matching primitives over hosts that may be wildcards: {@code *} matches every host,
 * {@code *.x.com} matches hosts ending in {@code .x.com} (not {@code x.com} itself). Comparisons
 * are case-insensitive.
 */
public final class HostPatterns {

    private HostPatterns() {
    }

    /** True when every host matched by {@code host} is also matched by {@code other}. */
    public static boolean subsetOf(String host, String other) {
        String a = host.toLowerCase(Locale.ROOT);
        String b = other.toLowerCase(Locale.ROOT);
        if (b.equals("*")) {
            return true;
        }
        if (a.equals("*")) {
            return false;
        }
        if (b.startsWith("*.")) {
            String suffix = b.substring(1);
            if (a.startsWith("*.")) {
                return a.substring(1).endsWith(suffix);
            }
            return a.length() > suffix.length() && a.endsWith(suffix);
        }
        return !a.startsWith("*.") && a.equals(b);
    }

    /** True when the two hosts have a host in common. */
    public static boolean matches(String host, String other) {
        return subsetOf(host, other) || subsetOf(other, host);
    }

    /** The more specific of two matching hosts, or {@code null} when they do not match. */
    public static String moreSpecific(String host, String other) {
        if (subsetOf(host, other)) {
            return host;
        }
        return subsetOf(other, host) ? other : null;
    }
}
