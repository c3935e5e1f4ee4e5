package io.foresail.config.table;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Istio's {@code HTTPRedirect}: answered by the proxy with {@code code} and a {@code Location}
 * built from the request; the upstream is never contacted.
 *
 * @param code            301 (default), 302, 303, 307 or 308
 * @param scheme          {@code http} or {@code https}; empty keeps the request's scheme
 * @param authority       the new host; empty keeps the request's
 * @param port            {@code port}; empty when not written
 * @param portFromRequest {@code derivePort: FROM_REQUEST_PORT} (the Gateway port the request came in on)
 * @param path            {@code uri} ({@link PathRewrite.ReplacePath}) or {@code prefixRewrite}
 *                        ({@link PathRewrite.ReplacePrefix}); empty keeps the path. The query is kept
 *                        unless {@code uri} has its own.
 */
public record RedirectAction(int code, Optional<String> scheme, Optional<String> authority, OptionalInt port,
                             boolean portFromRequest, Optional<PathRewrite> path) implements RouteAction {

    public RedirectAction {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(authority, "authority");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(path, "path");
    }
}
