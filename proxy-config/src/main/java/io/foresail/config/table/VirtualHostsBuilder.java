package io.foresail.config.table;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
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

    void add(String domain, List<Route> routes) {
        if (added.computeIfAbsent(domain, d -> Collections.newSetFromMap(new IdentityHashMap<>())).add(routes)) {
            routesByDomain.computeIfAbsent(domain, d -> new ArrayList<>()).addAll(routes);
        }
    }

    VirtualHostMatcher build() {
        List<VirtualHost> virtualHosts = new ArrayList<>();
        routesByDomain.forEach((domain, routes) ->
                virtualHosts.add(new VirtualHost(List.of(domain), CatchAllRoutes.lastInOrder(routes))));
        return VirtualHostMatcher.of(virtualHosts);
    }
}
