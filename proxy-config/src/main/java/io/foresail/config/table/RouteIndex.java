package io.foresail.config.table;

import java.util.ArrayList;
import java.util.List;

/**
 * First-match route lookup over an ordered route list that keeps Istio's order but does not scan
 * route by route: the list is cut into maximal runs of consecutive path-only exact/prefix routes
 * ({@link PathIndexedRun}, answered by a hash lookup and a trie walk) and single other routes
 * ({@link UnindexedRoute}, evaluated as written). Groups are asked in order; the first answer wins,
 * which is the route the linear scan would find. Built once, immutable, safe to share.
 */
final class RouteIndex {

    /** The position answered when no route matches. */
    static final int NO_MATCH = PathTrie.NONE;

    private final Route[] routes;
    private final RouteGroup[] groups;

    private RouteIndex(Route[] routes, RouteGroup[] groups) {
        this.routes = routes;
        this.groups = groups;
    }

    static RouteIndex of(List<Route> routes) {
        List<RouteGroup> groups = new ArrayList<>();
        PathIndexedRun.Builder run = null;
        for (int position = 0; position < routes.size(); position++) {
            Route route = routes.get(position);
            if (PathIndexedRun.accepts(route)) {
                if (run == null) {
                    run = new PathIndexedRun.Builder();
                }
                run.add(position, route);
            } else {
                if (run != null) {
                    groups.add(run.build());
                    run = null;
                }
                groups.add(new UnindexedRoute(position, route));
            }
        }
        if (run != null) {
            groups.add(run.build());
        }
        return new RouteIndex(routes.toArray(Route[]::new), groups.toArray(RouteGroup[]::new));
    }

    /** The first route in list order matching {@code request}, or {@code null}. */
    Route firstMatch(RequestView request) {
        for (RouteGroup group : groups) {
            int position = group.firstMatch(request);
            if (position != NO_MATCH) {
                return routes[position];
            }
        }
        return null;
    }

    /** The groups in order, for tests of how the list was cut. */
    List<RouteGroup> groups() {
        return List.of(groups);
    }
}
