package io.foresail.config.table;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A virtual host's immutable route list carrying its {@link RouteIndex}, so that
 * {@link VirtualHost} stays a record of its domains and routes while its lookup is precomputed.
 * Equal to any list with the same routes in the same order.
 */
final class IndexedRoutes extends AbstractList<Route> implements RandomAccess {

    private final List<Route> routes;
    private final RouteIndex index;

    private IndexedRoutes(List<Route> routes) {
        this.routes = List.copyOf(routes);
        this.index = RouteIndex.of(this.routes);
    }

    /** {@code routes} itself when already indexed, else an indexed immutable copy. */
    static IndexedRoutes of(List<Route> routes) {
        return routes instanceof IndexedRoutes indexed ? indexed : new IndexedRoutes(routes);
    }

    /** The first route matching {@code request}, as a scan in list order would find it, or {@code null}. */
    Route firstMatch(RequestView request) {
        return index.firstMatch(request);
    }

    RouteIndex index() {
        return index;
    }

    @Override
    public Route get(int position) {
        return routes.get(position);
    }

    @Override
    public int size() {
        return routes.size();
    }
}
