package io.foresail.config.table;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects the routes of one HTTP port by domain: each domain is one virtual host whose routes are
 * those of every VirtualService bound to it, in the order added (each VirtualService once).
 */
final class VirtualHostsBuilder {

    private final Map<String, List<Route>> routesByDomain = new LinkedHashMap<>();
    private final Set<String> added = new HashSet<>();

    void add(String domain, String virtualServiceId, List<Route> routes) {
        if (added.add(domain + " " + virtualServiceId)) {
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
