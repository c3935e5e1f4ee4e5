package io.foresail.config.table;

import java.util.Objects;

/**
 * One Istio {@code HTTPMatchRequest} block, compiled. All of its conditions must hold (AND).
 * For now the block holds the URI condition; headers, method and the rest join it here.
 *
 * @param uri the path condition; {@link PathMatch.Prefix} {@code "/"} when the block had no {@code uri}
 */
public record RequestMatch(PathMatch uri) {

    public RequestMatch {
        Objects.requireNonNull(uri, "uri");
    }

    public boolean matches(String path) {
        return uri.matches(path);
    }
}
