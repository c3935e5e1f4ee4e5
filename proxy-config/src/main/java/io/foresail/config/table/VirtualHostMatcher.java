package io.foresail.config.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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

    private final DomainTable<VirtualHost> domains;
    private final List<VirtualHost> virtualHosts;

    private VirtualHostMatcher(List<VirtualHost> virtualHosts) {
        DomainTable.Builder<VirtualHost> builder = DomainTable.builder();
        for (VirtualHost virtualHost : virtualHosts) {
            for (String domain : virtualHost.domains()) {
                VirtualHost previous = builder.put(domain, virtualHost);
                if (previous != null && previous != virtualHost) {
                    throw new IllegalArgumentException("domain: " + domain + " (expected: in one virtual host only)");
                }
            }
        }
        this.domains = builder.build();
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
        return domains.lookup(HostNames.normalise(authority));
    }

    public List<VirtualHost> virtualHosts() {
        return virtualHosts;
    }

    @Override
    public String toString() {
        List<String> all = new ArrayList<>();
        virtualHosts.forEach(v -> all.addAll(v.domains()));
        return "VirtualHostMatcher" + all + " suffixLengths=" + Arrays.toString(domains.suffixLengths());
    }
}
