package io.foresail.config.table;

/**
 * What a matched route does: forward to weighted destinations, redirect, or answer directly.
 */
public sealed interface RouteAction permits Forward, RedirectAction, DirectResponseAction {
}
