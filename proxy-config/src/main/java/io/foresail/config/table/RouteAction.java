package io.foresail.config.table;

/**
 * What a matched route does. Redirects, direct responses and the rest join {@link Forward} here
 * as further records.
 */
public sealed interface RouteAction permits Forward {
}
