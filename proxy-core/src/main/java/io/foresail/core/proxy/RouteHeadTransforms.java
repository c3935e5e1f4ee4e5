package io.foresail.core.proxy;

import io.foresail.config.table.Forward;
import io.foresail.config.table.ForwardPolicy;
import io.foresail.config.table.WeightedDestination;
import io.foresail.core.http.EnvoyInternalHeaders;
import io.foresail.core.router.HeaderMutations;
import io.foresail.core.router.RequestPaths;
import io.foresail.core.router.RequestTargets;
import io.foresail.core.router.RouteDecision;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import java.util.Optional;

/**
 * What a forwarding route does to the heads it passes, as Envoy's route entry does: the path
 * rewrite (the query kept; the path as received goes upstream in {@code x-envoy-original-path}),
 * the authority rewrite (the route's, else the picked destination's), and the header operations,
 * the picked destination's first and the route's after them, so that for the same header the
 * route's {@code set} wins (Envoy's default order, most specific first).
 */
final class RouteHeadTransforms {

    private RouteHeadTransforms() {
    }

    /**
     * The target to send upstream: {@code target} (as routed; its path is {@code path}) with the
     * route's path rewrite applied, in origin-form ({@code /} when the rewrite leaves no path);
     * {@code target} itself when the route has none.
     */
    static String upstreamTarget(RouteDecision.Forward forward, String target, String path) {
        ForwardPolicy policy = policy(forward);
        if (policy.pathRewrite().isEmpty()) {
            return target;
        }
        String rewritten = policy.pathRewrite().get().apply(path);
        // a substitution may leave nothing; a request line needs a path
        return RequestPaths.withPath(target, rewritten.isEmpty() ? "/" : rewritten);
    }

    /**
     * Applies the route's request side to {@code request}, already rewritten for upstream.
     *
     * @param routedTarget the target as routed, before the path rewrite (sent as {@code x-envoy-original-path}
     *                     when the path was rewritten)
     */
    static void applyToRequest(HttpRequest request, RouteDecision.Forward forward, String routedTarget) {
        HttpHeaders headers = request.headers();
        ForwardPolicy policy = policy(forward);
        if (policy.pathRewrite().isPresent()) {
            headers.set(EnvoyInternalHeaders.ORIGINAL_PATH, RequestTargets.originForm(routedTarget));
        }
        WeightedDestination destination = forward.destination();
        Optional<String> authority = policy.authority().or(() -> destination.headers().authority());
        authority.ifPresent(value -> headers.set(HttpHeaderNames.HOST, value));
        HeaderMutations.apply(destination.headers().request(), headers);
        HeaderMutations.apply(forward.route().filters().headers().request(), headers);
    }

    /** Applies the route's response header operations (destination's, then route's) to a proxied response head. */
    static void applyToResponse(HttpHeaders headers, RouteDecision.Forward forward) {
        HeaderMutations.apply(forward.destination().headers().response(), headers);
        HeaderMutations.apply(forward.route().filters().headers().response(), headers);
    }

    private static ForwardPolicy policy(RouteDecision.Forward forward) {
        return ((Forward) forward.route().action()).policy();
    }
}
