package io.foresail.config.table;

import java.util.Objects;

/**
 * A route that needs more than its path to decide (a regex path, {@code ignoreUriCase}, or
 * conditions besides the path), evaluated in place as the linear scan would.
 *
 * @param position the route's position in the whole route list
 * @param route    the route
 */
record UnindexedRoute(int position, Route route) implements RouteGroup {

    UnindexedRoute {
        Objects.requireNonNull(route, "route");
    }

    @Override
    public int firstMatch(RequestView request) {
        return route.matches(request) ? position : RouteIndex.NO_MATCH;
    }
}
