package io.foresail.core.router;

import io.foresail.config.table.CorsPolicy;
import io.foresail.config.table.HeaderOperations;
import io.foresail.config.table.Route;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Envoy's CORS filter for one request of a forwarding route with an Istio {@code corsPolicy}.
 * Istio's gateway runs it before the fault filter and the router, and Envoy skips it for redirect
 * and direct-response routes (they have no route entry), so the exchange asks it only once the
 * request is to be forwarded.
 *
 * <ul>
 *   <li>No {@code Origin} (or an empty one): not a CORS request, nothing changes.
 *   <li>A preflight ({@code OPTIONS} with {@code Origin} and a non-empty
 *       {@code Access-Control-Request-Method}) from an allowed origin is answered here: 200, empty
 *       body, {@code access-control-allow-origin} echoing the origin, then credentials, methods,
 *       headers and max-age as configured. A preflight from any other origin is forwarded untouched
 *       ({@code unmatchedPreflights: FORWARD}, the default) or, with {@code IGNORE}, answered the
 *       same way but without {@code access-control-allow-origin}, as Envoy's
 *       {@code forward_not_matching_preflights: false} does.
 *   <li>Any other request from an allowed origin: every response head (the upstream's, and the
 *       local replies made for it, fault aborts included) gets {@code access-control-allow-origin},
 *       {@code access-control-allow-credentials: true} when allowed, and
 *       {@code access-control-expose-headers} when configured, overwriting what the upstream sent.
 * </ul>
 *
 * An origin is allowed when one of the policy's matchers matches it, or matches {@code *} (Envoy:
 * an exact {@code *} allows every origin). {@code allowMethods} or {@code allowHeaders} of exactly
 * {@code *} echo the request's {@code Access-Control-Request-Method} / {@code -Headers}, as Envoy.
 */
public final class CorsFilter {

    private static final String TRUE = "true";
    private static final String WILDCARD = "*";
    /** The preflight answer's body: none (each answer wraps a duplicate of it). */
    private static final ByteBuffer NO_BODY = ByteBuffer.allocate(0);

    private final CorsPolicy policy;
    /** The request's origin when the policy allows it, else null. */
    private final String allowedOrigin;
    /** The answer to a preflight not to forward, else null. */
    private final RouteDecision.Reply preflightReply;

    private CorsFilter(CorsPolicy policy, String allowedOrigin, RouteDecision.Reply preflightReply) {
        this.policy = policy;
        this.allowedOrigin = allowedOrigin;
        this.preflightReply = preflightReply;
    }

    /**
     * The CORS filter of {@code route} for one request, or null when it has nothing to do: the
     * route has no policy, the request has no {@code Origin}, or the origin is not allowed and the
     * request is not a preflight to answer.
     */
    public static CorsFilter of(Route route, HttpMethod method, HttpHeaders requestHeaders) {
        CorsPolicy policy = route.filters().cors().orElse(null);
        if (policy == null) {
            return null;
        }
        String origin = requestHeaders.get(HttpHeaderNames.ORIGIN);
        if (origin == null || origin.isEmpty()) {
            return null;
        }
        boolean allowed = policy.allowsOrigin(origin) || policy.allowsOrigin(WILDCARD);
        String requestedMethod = requestHeaders.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
        boolean preflight = method.equals(HttpMethod.OPTIONS) && requestedMethod != null && !requestedMethod.isEmpty();
        if (preflight && (allowed || !policy.forwardUnmatchedPreflights())) {
            return new CorsFilter(policy, null, preflight(policy, allowed ? origin : null, requestedMethod,
                    requestHeaders.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS)));
        }
        return allowed ? new CorsFilter(policy, origin, null) : null;
    }

    /** The proxy's own answer to a preflight, or null when the request goes on. */
    public RouteDecision.Reply preflightReply() {
        return preflightReply;
    }

    /**
     * Adds the headers of a request from an allowed origin to a response head going to the client
     * (after the route's response header operations, so these win); nothing for a preflight.
     */
    public void applyToResponse(HttpHeaders responseHeaders) {
        if (allowedOrigin == null) {
            return;
        }
        responseHeaders.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, allowedOrigin);
        if (allowsCredentials(policy)) {
            responseHeaders.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, TRUE);
        }
        if (!policy.exposeHeaders().isEmpty()) {
            responseHeaders.set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, policy.exposeHeaders());
        }
    }

    /** 200 with an empty body and the preflight headers; {@code origin} null when not allowed (IGNORE). */
    private static RouteDecision.Reply preflight(CorsPolicy policy, String origin, String requestedMethod,
                                                 String requestedHeaders) {
        List<HeaderOperations.Header> headers = new ArrayList<>(5);
        if (origin != null) {
            headers.add(header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin));
        }
        if (allowsCredentials(policy)) {
            headers.add(header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, TRUE));
        }
        if (!policy.allowMethods().isEmpty()) {
            headers.add(header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS,
                    policy.allowMethods().equals(WILDCARD) ? requestedMethod : policy.allowMethods()));
        }
        if (!policy.allowHeaders().isEmpty()) {
            headers.add(header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, policy.allowHeaders().equals(WILDCARD)
                    ? (requestedHeaders == null ? "" : requestedHeaders)
                    : policy.allowHeaders()));
        }
        policy.maxAge().filter(maxAge -> !maxAge.isEmpty())
                .ifPresent(maxAge -> headers.add(header(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, maxAge)));
        return new RouteDecision.DirectResponse(HttpResponseStatus.OK, NO_BODY,
                new HeaderOperations(headers, List.of(), List.of()));
    }

    private static boolean allowsCredentials(CorsPolicy policy) {
        return policy.allowCredentials().orElse(false);
    }

    private static HeaderOperations.Header header(CharSequence name, String value) {
        return new HeaderOperations.Header(name.toString(), value);
    }
}
