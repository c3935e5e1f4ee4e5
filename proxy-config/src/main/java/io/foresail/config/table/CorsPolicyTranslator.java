package io.foresail.config.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A route's {@code corsPolicy} as Istio's {@code TranslateCORSPolicy} builds Envoy's CORS policy:
 * {@code allowOrigins} matchers (else the deprecated {@code allowOrigin} as exact matches), lists
 * joined with {@code ,}, {@code maxAge} in whole seconds, {@code unmatchedPreflights: IGNORE} ⇒
 * unmatched preflights are not forwarded.
 */
final class CorsPolicyTranslator {

    private CorsPolicyTranslator() {
    }

    static CorsPolicy translate(io.foresail.config.model.CorsPolicy written) {
        List<StringMatch> origins = new ArrayList<>();
        if (!written.allowOrigins().isEmpty()) {
            for (io.foresail.config.model.StringMatch origin : written.allowOrigins()) {
                origin(origin).ifPresent(origins::add);
            }
        } else {
            written.allowOrigin().forEach(origin -> origins.add(new StringMatch.Exact(origin)));
        }
        return new CorsPolicy(origins, String.join(",", written.allowMethods()), String.join(",", written.allowHeaders()),
                String.join(",", written.exposeHeaders()), written.maxAge().map(maxAge -> Long.toString(maxAge.getSeconds())),
                written.allowCredentials(), !written.unmatchedPreflights().equals(io.foresail.config.model.CorsPolicy.IGNORE));
    }

    private static Optional<StringMatch> origin(io.foresail.config.model.StringMatch written) {
        if (written instanceof io.foresail.config.model.StringMatch.Exact exact) {
            return Optional.of(new StringMatch.Exact(exact.value()));
        }
        if (written instanceof io.foresail.config.model.StringMatch.Prefix prefix) {
            return Optional.of(new StringMatch.Prefix(prefix.value()));
        }
        if (written instanceof io.foresail.config.model.StringMatch.Regex regex) {
            return Optional.of(new StringMatch.Regex(regex.value(), Re2FullMatch.of(regex.value())));
        }
        return Optional.empty();
    }
}
