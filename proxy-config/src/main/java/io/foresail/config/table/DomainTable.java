package io.foresail.config.table;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Values by host pattern, looked up the way Envoy picks a virtual host or a TLS filter chain:
 * the exact name, then the longest {@code *.suffix} (never the bare suffix itself), then the
 * match-all value. Exact names are one hash lookup; wildcards one lookup per distinct suffix
 * length, longest first. Immutable once built.
 */
final class DomainTable<T> {

    private final Map<String, T> exact;
    /** Wildcard suffixes (with their leading dot). */
    private final Map<String, T> suffixes;
    /** The distinct lengths of {@link #suffixes}' keys, longest first. */
    private final int[] suffixLengths;
    private final T any;

    private DomainTable(Builder<T> builder) {
        // Plain HashMaps, never changed after this constructor: Map.copyOf's open addressing does not
        // spread String hashes, so similar names (host-1, host-2, ...) clump and a miss probes them all.
        this.exact = builder.exact;
        this.suffixes = builder.suffixes;
        this.suffixLengths = suffixes.keySet().stream().mapToInt(String::length).distinct()
                .boxed().sorted((a, b) -> b - a).mapToInt(Integer::intValue).toArray();
        this.any = builder.any;
    }

    static <T> Builder<T> builder() {
        return new Builder<>();
    }

    /** The value for {@code host} (lower-case, without a port), or {@code null} when nothing matches. */
    T lookup(String host) {
        T found = exact.get(host);
        if (found != null) {
            return found;
        }
        int hostLength = host.length();
        for (int length : suffixLengths) {
            if (length < hostLength) {
                found = suffixes.get(host.substring(hostLength - length));
                if (found != null) {
                    return found;
                }
            }
        }
        return any;
    }

    /** The match-all value, or {@code null}. */
    T any() {
        return any;
    }

    int[] suffixLengths() {
        return suffixLengths.clone();
    }

    static final class Builder<T> {
        private final Map<String, T> exact = new HashMap<>();
        private final Map<String, T> suffixes = new HashMap<>();
        private T any;

        /**
         * Adds {@code pattern} ({@code name}, {@code *.suffix} or {@code *}, any case) for
         * {@code value}; returns the value the pattern had before, or {@code null}.
         */
        T put(String pattern, T value) {
            String lower = pattern.toLowerCase(Locale.ROOT);
            if (lower.equals("*")) {
                T previous = any;
                any = value;
                return previous;
            }
            return lower.startsWith("*.") ? suffixes.put(lower.substring(1), value) : exact.put(lower, value);
        }

        DomainTable<T> build() {
            return new DomainTable<>(this);
        }
    }
}
