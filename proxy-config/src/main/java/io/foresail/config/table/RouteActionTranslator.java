package io.foresail.config.table;

import io.foresail.config.model.HttpRoute;
import io.foresail.config.model.StringMatch;
import java.util.Optional;

/**
 * The action of one match block of an HTTPRoute: its {@code redirect}, its {@code directResponse},
 * or its forward with the {@code rewrite} (whose {@code uri} depends on the block's uri match) and
 * the route-level authority in the policy.
 */
final class RouteActionTranslator {

    private RouteActionTranslator() {
    }

    /**
     * @param forward      the route's forward, when it has usable destinations
     * @param uri          the block's uri match; empty for a block without one (or a route without blocks)
     * @param listenerPort the Gateway port the routes are built for
     * @return the action, or empty when the route has none usable here
     */
    static Optional<RouteAction> translate(HttpRoute http, Optional<Forward> forward, Optional<StringMatch> uri,
                                           int listenerPort) {
        if (http.redirect().isPresent()) {
            return RedirectTranslator.translate(http.redirect().get(), uri, listenerPort).map(RouteAction.class::cast);
        }
        if (http.directResponse().isPresent()) {
            return Optional.of(DirectResponseTranslator.translate(http.directResponse().get()));
        }
        return forward.map(written -> withRewrite(written, http, uri));
    }

    private static Forward withRewrite(Forward forward, HttpRoute http, Optional<StringMatch> uri) {
        Optional<PathRewrite> pathRewrite = http.rewrite().flatMap(rewrite -> PathRewriteTranslator.translate(rewrite, uri));
        Optional<String> authority = http.rewrite().map(rewrite -> rewrite.authority()).filter(value -> !value.isEmpty())
                .or(() -> HeaderRewritesTranslator.translate(http.headers()).authority());
        if (pathRewrite.isEmpty() && authority.isEmpty()) {
            return forward;
        }
        ForwardPolicy policy = forward.policy();
        return new Forward(forward.destinations(), forward.totalWeight(), new ForwardPolicy(
                pathRewrite.or(policy::pathRewrite), authority.or(policy::authority), policy.timeout(), policy.retries(),
                policy.mirrors()));
    }
}
