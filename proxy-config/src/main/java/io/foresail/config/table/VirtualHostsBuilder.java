package io.foresail.config.table;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects the routes of one HTTP port by domain: each domain is one virtual host whose routes are
 * those of every VirtualService bound to it, in the order added. A translation (one list of routes)
 * is added to a domain once, however many merged servers bring it there; a VirtualService whose
 * match blocks differ per gateway brings one translation per gateway, appended in server order as
 * Istio does.
 */
final class VirtualHostsBuilder {

    private final Map<String, List<Route>> routesByDomain = new LinkedHashMap<>();
    private final Map<String, Set<List<Route>>> added = new HashMap<>();
    private final Set<String> requireTls = new HashSet<>();

    void add(String domain, List<Route> routes) {
        if (added.computeIfAbsent(domain, d -> Collections.newSetFromMap(new IdentityHashMap<>())).add(routes)) {
            routesByDomain.computeIfAbsent(domain, d -> new ArrayList<>()).addAll(routes);
        }
    }

    /**
     * Marks {@code domain} as redirected to HTTPS ({@code tls.httpsRedirect}), adding it without
     * routes when no VirtualService brought it.
     */
    void requireTls(String domain) {
        routesByDomain.computeIfAbsent(domain, d -> new ArrayList<>());
        requireTls.add(domain);
    }

    VirtualHostMatcher build() {
        List<VirtualHost> virtualHosts = new ArrayList<>();
        routesByDomain.forEach((domain, routes) -> virtualHosts.add(
                new VirtualHost(List.of(domain), CatchAllRoutes.lastInOrder(routes), requireTls.contains(domain))));
        return VirtualHostMatcher.of(virtualHosts);
    }
}
