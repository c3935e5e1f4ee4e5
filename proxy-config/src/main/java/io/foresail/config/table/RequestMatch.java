package io.foresail.config.table;

import java.util.List;
import java.util.Objects;

/**
 * One Istio {@code HTTPMatchRequest} block, compiled. All of its conditions must hold (AND).
 *
 * @param uri         the path condition; {@link PathMatch.Prefix} {@code "/"} when the block had no {@code uri}
 * @param headers     header conditions, all of which must hold: {@code headers}, {@code withoutHeaders}
 *                    (as {@link StringMatch.Inverted} or {@link StringMatch.Absent}) and {@code method},
 *                    {@code scheme}, {@code authority} (on the pseudo-headers {@code :method},
 *                    {@code :scheme}, {@code :authority})
 * @param queryParams query parameter conditions, all of which must hold
 */
public record RequestMatch(PathMatch uri, List<HeaderMatch> headers, List<QueryParamMatch> queryParams) {

    public RequestMatch {
        Objects.requireNonNull(uri, "uri");
        headers = List.copyOf(headers);
        queryParams = List.copyOf(queryParams);
    }

    /** A block with path and header conditions only. */
    public RequestMatch(PathMatch uri, List<HeaderMatch> headers) {
        this(uri, headers, List.of());
    }

    /** A block with only a URI condition. */
    public RequestMatch(PathMatch uri) {
        this(uri, List.of(), List.of());
    }

    /**
     * True when the block has no condition besides its path, so a route index may select it by
     * path alone (exact map or prefix trie) without evaluating anything else.
     */
    public boolean pathOnly() {
        return headers.isEmpty() && queryParams.isEmpty();
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
        if (queryParams.isEmpty()) {
            return true;
        }
        String query = request.query();
        for (QueryParamMatch queryParam : queryParams) {
            if (!queryParam.matches(query)) {
                return false;
            }
        }
        return true;
    }
}
