package io.foresail.config.table;

/**
 * A slice of a virtual host's route list, in order, that {@link RouteIndex} asks as one unit:
 * either a run of routes selectable by path alone, or one route checked as written.
 */
sealed interface RouteGroup permits PathIndexedRun, UnindexedRoute {

    /**
     * The position (in the whole route list) of this group's first route matching
     * {@code request}, or {@link RouteIndex#NO_MATCH}.
     */
    int firstMatch(RequestView request);
}
