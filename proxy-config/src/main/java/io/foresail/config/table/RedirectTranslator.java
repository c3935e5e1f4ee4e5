package io.foresail.config.table;

import io.foresail.config.model.HttpRedirect;
import io.foresail.config.model.StringMatch;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Compiles Istio's {@code redirect} for one match block, as Istio's {@code ApplyRedirect} does:
 * {@code derivePort: FROM_REQUEST_PORT} is the Gateway port the routes are built for, and a code
 * Envoy has no name for drops the action (validation has warned).
 */
final class RedirectTranslator {

    private static final Set<Integer> SUPPORTED_CODES = Set.of(301, 302, 303, 307, 308);

    private RedirectTranslator() {
    }

    static Optional<RedirectAction> translate(HttpRedirect redirect, Optional<StringMatch> uri, int listenerPort) {
        int code = redirect.redirectCode() == 0 ? 301 : redirect.redirectCode();
        if (!SUPPORTED_CODES.contains(code)) {
            return Optional.empty();
        }
        Optional<PathRewrite> path = Optional.empty();
        if (!redirect.uri().isEmpty()) {
            path = Optional.of(new PathRewrite.ReplacePath(redirect.uri()));
        } else if (!redirect.prefixRewrite().isEmpty()) {
            path = Optional.of(PathRewriteTranslator.replacement(uri, redirect.prefixRewrite()));
        }
        boolean fromRequest = redirect.derivePort().equals(HttpRedirect.FROM_REQUEST_PORT);
        OptionalInt port = fromRequest ? OptionalInt.of(listenerPort)
                : redirect.port() > 0 ? OptionalInt.of(redirect.port()) : OptionalInt.empty();
        return Optional.of(new RedirectAction(code, nonEmpty(redirect.scheme()), nonEmpty(redirect.authority()), port,
                fromRequest, path));
    }

    private static Optional<String> nonEmpty(String value) {
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
