package io.foresail.config.table;

import io.foresail.config.model.ConfigCodes;
import io.foresail.config.model.FieldPaths;
import io.foresail.config.model.HttpMatchRequest;
import io.foresail.config.model.VirtualService;
import io.foresail.config.validate.GatewayNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one {@code HTTPMatchRequest} into a {@link RequestMatch} for one gateway server, or
 * nothing when the block does not apply there (its {@code port}, {@code gateways} or
 * {@code sourceLabels} say so) or uses a condition the data plane cannot evaluate
 * ({@code sourceNamespace}, JWT claim headers).
 *
 * <p>The translation follows Istio's {@code TranslateRouteMatch}
 * (pilot/pkg/networking/core/route/route.go): {@code method}, {@code authority} and {@code scheme}
 * become header matchers on {@code :method}, {@code :authority} and {@code :scheme};
 * {@code withoutHeaders} entries become inverted header matchers that treat a missing header as
 * empty, except the presence form ({@code {}} or {@code regex: "*"}), which becomes "absent";
 * {@code queryParams} entries become query parameter matchers through the same
 * {@code util.ConvertToEnvoyMatch} as headers, so exact, prefix and regex all keep their meaning.
 */
final class MatchTranslator {

    private final CompileContext context;

    MatchTranslator(CompileContext context) {
        this.context = context;
    }

    /**
     * Whether a block is part of this gateway server's routes at all, as Istio's
     * {@code sourceMatchHTTP} and port check decide: its {@code port} (0 = any) equals the server
     * port, and its {@code gateways} (when given) name this gateway, else its {@code sourceLabels}
     * are a subset of the proxy labels. {@code sourceNamespace}, like {@code sourceLabels}, only
     * counts when the block names no gateways.
     */
    boolean appliesHere(VirtualService vs, HttpMatchRequest match, String gateway, int port) {
        if (match.port() != 0 && match.port() != port) {
            return false;
        }
        if (!match.gateways().isEmpty()) {
            return appliesAtGateway(vs, match.gateways(), gateway);
        }
        return context.selects(match.sourceLabels());
    }

    /** The compiled block, or empty when it does not apply here or uses a condition not supported yet (warning). */
    Optional<RequestMatch> translate(VirtualService vs, HttpMatchRequest match, String path, String gateway, int port) {
        if (!appliesHere(vs, match, gateway, port)) {
            return Optional.empty();
        }
        if (!match.sourceNamespace().isEmpty() && match.gateways().isEmpty()) {
            return skipped(vs, path + ".sourceNamespace", "sourceNamespace");
        }
        List<HeaderMatch> headers = new ArrayList<>();
        for (Map.Entry<String, io.foresail.config.model.StringMatch> header : match.headers().entrySet()) {
            // Keys uri/scheme/method/authority are ordinary header names: the API text says they are
            // ignored, but Istio's TranslateRouteMatch turns every key into a header matcher.
            String name = header.getKey();
            if (name.startsWith("@")) {
                return skipped(vs, FieldPaths.child(path + ".headers", name), name);
            }
            headers.add(new HeaderMatch(name, valueMatch(header.getValue())));
        }
        for (Map.Entry<String, io.foresail.config.model.StringMatch> header : match.withoutHeaders().entrySet()) {
            String name = header.getKey();
            if (name.startsWith("@")) {
                return skipped(vs, FieldPaths.child(path + ".withoutHeaders", name), name);
            }
            headers.add(new HeaderMatch(name, invertedMatch(header.getValue())));
        }
        match.method().ifPresent(method -> headers.add(new HeaderMatch(":method", valueMatch(method))));
        match.authority().ifPresent(authority -> headers.add(new HeaderMatch(":authority", valueMatch(authority))));
        match.scheme().ifPresent(scheme -> headers.add(new HeaderMatch(":scheme", valueMatch(scheme))));
        List<QueryParamMatch> queryParams = new ArrayList<>();
        match.queryParams().forEach((name, written) -> queryParams.add(new QueryParamMatch(name, valueMatch(written))));
        return Optional.of(new RequestMatch(pathMatch(match), headers, queryParams));
    }

    private Optional<RequestMatch> skipped(VirtualService vs, String fieldPath, String condition) {
        context.warn(ConfigCodes.NOT_SUPPORTED, vs, fieldPath, "matching on " + condition + " is not supported yet: this match block is skipped");
        return Optional.empty();
    }

    /** Whether one of a block's {@code gateways} names {@code gateway}. */
    private static boolean appliesAtGateway(VirtualService vs, List<String> blockGateways, String gateway) {
        String namespace = vs.meta().namespace();
        return blockGateways.stream().anyMatch(reference -> GatewayNames.resolve(reference, namespace).equals(gateway));
    }

    private static PathMatch pathMatch(HttpMatchRequest match) {
        boolean ignoreCase = match.ignoreUriCase();
        io.foresail.config.model.StringMatch uri = match.uri().orElse(new io.foresail.config.model.StringMatch.Unset());
        if (uri instanceof io.foresail.config.model.StringMatch.Exact exact) {
            return new PathMatch.Exact(exact.value(), ignoreCase);
        }
        if (uri instanceof io.foresail.config.model.StringMatch.Prefix prefix) {
            return new PathMatch.Prefix(prefix.value(), ignoreCase);
        }
        if (uri instanceof io.foresail.config.model.StringMatch.Regex regex) {
            return new PathMatch.Regex(regex.value(), Re2FullMatch.of(regex.value()));
        }
        return new PathMatch.Prefix("/", ignoreCase);
    }

    /**
     * A header or query parameter condition. {@code {}} and {@code regex: "*"} mean presence, as in
     * Istio's {@code canBeConvertedToPresentMatch} ({@code *} is not RE2; see istio/istio#20629).
     */
    private static StringMatch valueMatch(io.foresail.config.model.StringMatch written) {
        if (written instanceof io.foresail.config.model.StringMatch.Exact exact) {
            return new StringMatch.Exact(exact.value());
        }
        if (written instanceof io.foresail.config.model.StringMatch.Prefix prefix) {
            return new StringMatch.Prefix(prefix.value());
        }
        if (written instanceof io.foresail.config.model.StringMatch.Regex regex && !regex.value().equals("*")) {
            return new StringMatch.Regex(regex.value(), Re2FullMatch.of(regex.value()));
        }
        return new StringMatch.Present();
    }

    /**
     * A {@code withoutHeaders} condition: Istio sets {@code invert_match}, and
     * {@code treat_missing_header_as_empty} unless the entry is the presence form, where it would
     * conflict with {@code present_match}.
     */
    private static StringMatch invertedMatch(io.foresail.config.model.StringMatch written) {
        StringMatch matched = valueMatch(written);
        return matched instanceof StringMatch.Present ? new StringMatch.Absent() : new StringMatch.Inverted(matched);
    }
}
