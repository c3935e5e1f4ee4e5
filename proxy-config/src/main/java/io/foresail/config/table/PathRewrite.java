package io.foresail.config.table;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A rewrite of the request path (without query), as Envoy's route actions do it: the matched
 * prefix replaced ({@code prefix_rewrite}), the whole path replaced, or RE2 substitution
 * ({@code regex_rewrite}). The path given to {@link #apply} is the one the route matched.
 */
public sealed interface PathRewrite {

    String apply(String path);

    /**
     * Replace {@code matchedPrefix} (the route's {@code uri.prefix}; {@code /} for a route without
     * a uri match) with {@code replacement}: Istio's {@code rewrite.uri} on a prefix route, so
     * prefix {@code /common} + {@code /} turns {@code /common/api} into {@code //api} (istio/istio#26828).
     */
    record ReplacePrefix(String matchedPrefix, String replacement) implements PathRewrite {
        public ReplacePrefix {
            Objects.requireNonNull(matchedPrefix, "matchedPrefix");
            Objects.requireNonNull(replacement, "replacement");
        }

        @Override
        public String apply(String path) {
            // the route matched, so the path starts with the prefix (ignoring case when the match does)
            return replacement + path.substring(Math.min(matchedPrefix.length(), path.length()));
        }
    }

    /** Replace the whole path: {@code rewrite.uri} on an exact or regex route. */
    record ReplacePath(String path) implements PathRewrite {
        public ReplacePath {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String apply(String ignored) {
            return path;
        }
    }

    /**
     * {@code uriRegexRewrite}: every non-overlapping RE2 match of {@code pattern} replaced by
     * {@code substitution} ({@code \1}..{@code \9} capture groups), compiled by the config compiler.
     */
    record RegexSubstitution(String pattern, String substitution, UnaryOperator<String> rewriter) implements PathRewrite {
        public RegexSubstitution {
            Objects.requireNonNull(pattern, "pattern");
            Objects.requireNonNull(substitution, "substitution");
            Objects.requireNonNull(rewriter, "rewriter");
        }

        @Override
        public String apply(String path) {
            return rewriter.apply(path);
        }

        @Override
        public String toString() {
            return "RegexSubstitution[" + pattern + " -> " + substitution + "]";
        }
    }
}
