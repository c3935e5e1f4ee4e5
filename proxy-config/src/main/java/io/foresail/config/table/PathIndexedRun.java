package io.foresail.config.table;

import java.util.HashMap;
import java.util.Map;

/**
 * A maximal run of consecutive routes whose every match block is a case-sensitive exact or prefix
 * path with no other condition. The run answers with the lowest position among its routes whose
 * exact path equals the request path or whose prefix starts it: one hash lookup plus one walk of a
 * {@link PathTrie}, whatever the number of routes.
 */
final class PathIndexedRun implements RouteGroup {

    /** Envoy's reading of a route without match blocks: prefix {@code /}. */
    private static final String CATCH_ALL_PREFIX = "/";

    /**
     * Lowest position per exact path. A private {@link HashMap} never changed after construction
     * rather than {@code Map.copyOf}: the immutable map probes linearly without spreading the hash,
     * so similar paths ({@code /exact/1}, {@code /exact/2}, ...) form long probe runs that a miss
     * walks end to end; {@code HashMap} spreads the hash and compares it before {@code equals}.
     */
    private final HashMap<String, Integer> exactPositions;
    private final PathTrie prefixes;

    private PathIndexedRun(Map<String, Integer> exactPositions, PathTrie prefixes) {
        this.exactPositions = new HashMap<>(exactPositions);
        this.prefixes = prefixes;
    }

    /** Whether {@code route} is decided by its path alone through an exact map or a prefix trie. */
    static boolean accepts(Route route) {
        for (RequestMatch match : route.matches()) {
            if (!match.pathOnly() || !caseSensitiveExactOrPrefix(match.uri())) {
                return false;
            }
        }
        return true;
    }

    private static boolean caseSensitiveExactOrPrefix(PathMatch path) {
        if (path instanceof PathMatch.Exact exact) {
            return !exact.ignoreCase();
        }
        return path instanceof PathMatch.Prefix prefix && !prefix.ignoreCase();
    }

    @Override
    public int firstMatch(RequestView request) {
        String path = request.path();
        Integer exact = exactPositions.get(path);
        return prefixes.lowestMatch(path, exact == null ? RouteIndex.NO_MATCH : exact);
    }

    /** Collects consecutive routes, each {@link #accepts accepted}, in ascending position. */
    static final class Builder {

        private final Map<String, Integer> exactPositions = new HashMap<>();
        private final Map<String, Integer> prefixPositions = new HashMap<>();
        private int lastPosition = -1;

        void add(int position, Route route) {
            if (position <= lastPosition) {
                throw new IllegalArgumentException("position: " + position + " (expected: > " + lastPosition + ")");
            }
            if (!accepts(route)) {
                throw new IllegalArgumentException("route " + route.name() + " (expected: exact or prefix paths only)");
            }
            lastPosition = position;
            if (route.matches().isEmpty()) {
                prefixPositions.putIfAbsent(CATCH_ALL_PREFIX, position);
            }
            for (RequestMatch match : route.matches()) {
                if (match.uri() instanceof PathMatch.Exact exact) {
                    exactPositions.putIfAbsent(exact.value(), position);
                } else if (match.uri() instanceof PathMatch.Prefix prefix) {
                    prefixPositions.putIfAbsent(prefix.value(), position);
                }
            }
        }

        PathIndexedRun build() {
            return new PathIndexedRun(exactPositions, PathTrie.of(prefixPositions));
        }
    }
}
