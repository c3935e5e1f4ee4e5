package io.foresail.config.table;

import java.util.ArrayList;
import java.util.List;

/**
 * Istio's catch-all rule ({@code IsCatchAllRoute}): a route is catch-all when it has no match
 * block, or one of its blocks is a bare prefix {@code /} (or regex {@code .*}) with no other
 * condition of any kind: no header, {@code withoutHeaders}, {@code method}, {@code scheme},
 * {@code authority} or query condition. Catch-alls of merged VirtualServices go last.
 */
final class CatchAllRoutes {

    private CatchAllRoutes() {
    }

    static boolean isCatchAll(Route route) {
        if (route.matches().isEmpty()) {
            return true;
        }
        for (RequestMatch match : route.matches()) {
            if (isCatchAll(match)) {
                return true;
            }
        }
        return false;
    }

    /** A block that matches every request: a bare catch-all path and nothing else. */
    static boolean isCatchAll(RequestMatch match) {
        // pathOnly(): no header (incl. inverted and pseudo-header) and no query condition
        return match.pathOnly() && isCatchAllPath(match.uri());
    }

    private static boolean isCatchAllPath(PathMatch path) {
        if (path instanceof PathMatch.Prefix prefix) {
            return prefix.value().equals("/");
        }
        return path instanceof PathMatch.Regex regex && regex.source().equals(".*");
    }

    /** {@code routes} with every catch-all moved after the others, both groups in their original order. */
    static List<Route> lastInOrder(List<Route> routes) {
        List<Route> ordered = new ArrayList<>(routes.size());
        List<Route> catchAlls = new ArrayList<>();
        for (Route route : routes) {
            (isCatchAll(route) ? catchAlls : ordered).add(route);
        }
        ordered.addAll(catchAlls);
        return ordered;
    }
}
