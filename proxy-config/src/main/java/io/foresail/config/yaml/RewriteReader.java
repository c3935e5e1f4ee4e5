package io.foresail.config.yaml;

import io.foresail.config.model.HttpRewrite;
import java.util.Optional;

/** Binds a route's {@code rewrite} ({@code HTTPRewrite}). */
final class RewriteReader {

    private RewriteReader() {
    }

    static Optional<HttpRewrite> read(MappingReader route) {
        return route.object("rewrite", rewrite -> new HttpRewrite(rewrite.string("uri"), rewrite.string("authority"),
                rewrite.object("uriRegexRewrite", regex -> new HttpRewrite.RegexRewrite(regex.string("match"),
                        regex.string("rewrite")))));
    }
}
