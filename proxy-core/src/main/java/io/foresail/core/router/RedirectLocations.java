package io.foresail.core.router;

import io.foresail.config.table.PathRewrite;
import io.foresail.config.table.RedirectAction;

/**
 * The {@code Location} of an Istio {@code redirect}, built from the request as Envoy's redirect
 * action does: scheme, host, port and path each replaced when the action sets them, else kept
 * from the request. A port equal to the scheme's default (80 for http, 443 for https) is never
 * written; when only the scheme changes, the request's port is dropped if it was the old scheme's
 * default. The query is kept unless a {@code uri} with its own {@code ?} replaces it.
 */
public final class RedirectLocations {

    private RedirectLocations() {
    }

    public static String of(RedirectAction redirect, RequestHeadView request) {
        String requestScheme = request.secure() ? "https" : "http";
        String scheme = redirect.scheme().orElse(requestScheme);
        StringBuilder location = new StringBuilder(64).append(scheme).append("://");
        String host = redirect.authority().orElse(request.authority());
        if (redirect.authority().isEmpty()) {
            host = requestHost(host, requestScheme, scheme, redirect.port().isPresent());
        }
        location.append(host);
        if (redirect.port().isPresent()) {
            int port = redirect.port().getAsInt();
            if (port != defaultPort(scheme)) {
                location.append(':').append(port);
            }
        }
        String path = redirect.path().map(rewrite -> rewrite.apply(request.path())).orElse(request.path());
        location.append(path);
        boolean replacesQuery = redirect.path().orElse(null) instanceof PathRewrite.ReplacePath replace
                && replace.path().indexOf('?') >= 0;
        String query = request.query();
        if (!replacesQuery && query != null) {
            location.append('?').append(query);
        }
        return location.toString();
    }

    /** The request's host, its port dropped when a port is redirected, or when the scheme changes away from the port's default. */
    private static String requestHost(String host, String requestScheme, String scheme, boolean portRedirected) {
        int colon = host.lastIndexOf(':');
        if (colon < 0 || host.indexOf(']', colon) >= 0) {
            return host;
        }
        String port = host.substring(colon + 1);
        boolean defaultOfRequestScheme = port.equals(String.valueOf(defaultPort(requestScheme)));
        if (portRedirected || (!scheme.equals(requestScheme) && defaultOfRequestScheme)) {
            return host.substring(0, colon);
        }
        return host;
    }

    private static int defaultPort(String scheme) {
        return scheme.equals("https") ? 443 : 80;
    }
}
