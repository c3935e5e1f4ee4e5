package io.foresail.config.model;

import java.util.Objects;
import java.util.Optional;

/**
 * Istio's {@code HTTPRewrite} as written.
 *
 * @param uri             {@code uri}, empty when not written
 * @param authority       {@code authority}, empty when not written
 * @param uriRegexRewrite {@code uriRegexRewrite}, when written
 */
public record HttpRewrite(String uri, String authority, Optional<RegexRewrite> uriRegexRewrite) {

    public HttpRewrite {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(authority, "authority");
        Objects.requireNonNull(uriRegexRewrite, "uriRegexRewrite");
    }

    /**
     * Istio's {@code RegexRewrite}: every RE2 match of {@code match} in the path replaced by
     * {@code rewrite} ({@code \1}..{@code \9} for capture groups).
     */
    public record RegexRewrite(String match, String rewrite) {
        public RegexRewrite {
            Objects.requireNonNull(match, "match");
            Objects.requireNonNull(rewrite, "rewrite");
        }
    }
}
