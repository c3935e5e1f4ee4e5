package io.foresail.config.table;

import java.util.List;
import java.util.Objects;

/**
 * One Istio {@code HTTPMatchRequest} block, compiled. All of its conditions must hold (AND).
 *
 * @param uri     the path condition; {@link PathMatch.Prefix} {@code "/"} when the block had no {@code uri}
 * @param headers header conditions, all of which must hold
 */
public record RequestMatch(PathMatch uri, List<HeaderMatch> headers) {

    public RequestMatch {
        Objects.requireNonNull(uri, "uri");
        headers = List.copyOf(headers);
    }

    /** A block with only a URI condition. */
    public RequestMatch(PathMatch uri) {
        this(uri, List.of());
    }

    /**
     * True when the block has no condition besides its path, so a route index may select it by
     * path alone (exact map or prefix trie) without evaluating anything else.
     */
    public boolean pathOnly() {
        return headers.isEmpty();
    }

    public boolean matches(RequestView request) {
        if (!uri.matches(request.path())) {
            return false;
        }
        for (HeaderMatch header : headers) {
            if (!header.matches(request)) {
                return false;
            }
        }
        return true;
    }
}
