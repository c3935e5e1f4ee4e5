package io.foresail.config.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses the virtual host for a request's Host / {@code :authority} the way Envoy does at an
 * Istio gateway: the port is ignored, comparison is case-insensitive, and the order is exact
 * domain, then the longest {@code *.suffix} wildcard, then {@code *}. A wildcard never matches
 * the bare suffix ({@code *.x.com} does not match {@code x.com}). No fall-through: the chosen
 * virtual host is the only one consulted.
 *
 * <p>Exact domains are one hash lookup; wildcards are one hash lookup per distinct suffix
 * length, longest first.
 */
public final class VirtualHostMatcher {

    private final Map<String, VirtualHost> exact;
    /** Wildcard suffixes (with their leading dot) grouped by length, longest length first. */
    private final int[] suffixLengths;
    private final Map<String, VirtualHost> suffixes;
    private final VirtualHost any;
    private final List<VirtualHost> virtualHosts;

    private VirtualHostMatcher(List<VirtualHost> virtualHosts) {
        Map<String, VirtualHost> exactDomains = new HashMap<>();
        Map<String, VirtualHost> suffixDomains = new HashMap<>();
        VirtualHost catchAll = null;
        for (VirtualHost virtualHost : virtualHosts) {
            for (String domain : virtualHost.domains()) {
                String lower = domain.toLowerCase(java.util.Locale.ROOT);
                VirtualHost previous;
                if (lower.equals("*")) {
                    previous = catchAll;
                    catchAll = virtualHost;
                } else if (lower.startsWith("*.")) {
                    previous = suffixDomains.put(lower.substring(1), virtualHost);
                } else {
                    previous = exactDomains.put(lower, virtualHost);
                }
                if (previous != null && previous != virtualHost) {
                    throw new IllegalArgumentException("domain: " + domain + " (expected: in one virtual host only)");
                }
            }
        }
        // Plain HashMaps, never changed after this constructor: Map.copyOf's open addressing does not
        // spread String hashes, so similar names (host-1, host-2, ...) clump and a miss probes them all.
        this.exact = exactDomains;
        this.suffixes = suffixDomains;
        this.suffixLengths = suffixDomains.keySet().stream().mapToInt(String::length).distinct()
                .boxed().sorted((a, b) -> b - a).mapToInt(Integer::intValue).toArray();
        this.any = catchAll;
        this.virtualHosts = List.copyOf(virtualHosts);
    }

    public static VirtualHostMatcher of(List<VirtualHost> virtualHosts) {
        return new VirtualHostMatcher(virtualHosts);
    }

    /**
     * The virtual host for {@code authority} (a Host header value, possibly with a port), or
     * {@code null} when none matches (the request then gets 404 {@code NR}).
     */
    public VirtualHost match(String authority) {
        String host = HostNames.normalise(authority);
        VirtualHost found = exact.get(host);
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

    public List<VirtualHost> virtualHosts() {
        return virtualHosts;
    }

    @Override
    public String toString() {
        List<String> all = new ArrayList<>();
        virtualHosts.forEach(v -> all.addAll(v.domains()));
        return "VirtualHostMatcher" + all + " suffixLengths=" + Arrays.toString(suffixLengths);
    }
}
