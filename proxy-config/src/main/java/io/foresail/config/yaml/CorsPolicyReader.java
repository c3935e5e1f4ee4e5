package io.foresail.config.yaml;

import io.foresail.config.model.CorsPolicy;
import java.util.Optional;
import java.util.Set;

/** Binds a route's {@code corsPolicy}; {@code unmatchedPreflights} is an enum, so another name is an error. */
final class CorsPolicyReader {

    private static final Set<String> UNMATCHED_PREFLIGHTS = Set.of(CorsPolicy.UNSPECIFIED, CorsPolicy.FORWARD,
            CorsPolicy.IGNORE);

    private CorsPolicyReader() {
    }

    static Optional<CorsPolicy> read(MappingReader route) {
        return route.object("corsPolicy", CorsPolicyReader::cors);
    }

    private static CorsPolicy cors(MappingReader cors) {
        String unmatchedPreflights = cors.string("unmatchedPreflights");
        if (!unmatchedPreflights.isEmpty() && !UNMATCHED_PREFLIGHTS.contains(unmatchedPreflights)) {
            cors.session().error(cors.take("unmatchedPreflights"), cors.pathOf("unmatchedPreflights"), unmatchedPreflights
                    + " (expected: " + CorsPolicy.UNSPECIFIED + ", " + CorsPolicy.FORWARD + " or " + CorsPolicy.IGNORE + ")");
            unmatchedPreflights = "";
        }
        return new CorsPolicy(cors.objects("allowOrigins", StringMatchReader::read), cors.strings("allowOrigin"),
                cors.strings("allowMethods"), cors.strings("allowHeaders"), cors.strings("exposeHeaders"),
                cors.duration("maxAge"), cors.optionalBool("allowCredentials"), unmatchedPreflights);
    }
}
