package io.foresail.config.table;

import io.foresail.config.model.FieldPaths;
import io.foresail.config.model.HttpMatchRequest;
import io.foresail.config.model.VirtualService;
import io.foresail.config.validate.GatewayNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns one {@code HTTPMatchRequest} into a {@link RequestMatch} for one gateway server, or
 * nothing when the block does not apply there (its {@code port}, {@code gateways} or
 * {@code sourceLabels} say so) or uses a condition the data plane cannot evaluate yet.
 */
final class MatchTranslator {

    /** Header keys Istio ignores inside {@code headers} (they have their own fields). */
    private static final Set<String> IGNORED_HEADER_KEYS = Set.of("uri", "scheme", "method", "authority");

    private final CompileContext context;

    MatchTranslator(CompileContext context) {
        this.context = context;
    }

    Optional<RequestMatch> translate(VirtualService vs, HttpMatchRequest match, String path, String gateway, int port) {
        if (match.port() != 0 && match.port() != port) {
            return Optional.empty();
        }
        if (!appliesAtGateway(vs, match.gateways(), gateway)) {
            return Optional.empty();
        }
        if (match.gateways().isEmpty() && !context.selects(match.sourceLabels())) {
            return Optional.empty();
        }
        String unsupported = unsupportedCondition(match);
        if (unsupported != null) {
            context.warn(vs, path + "." + unsupported, "matching on " + unsupported
                    + " is not supported yet: this match block is skipped");
            return Optional.empty();
        }
        List<HeaderMatch> headers = new ArrayList<>();
        for (Map.Entry<String, io.foresail.config.model.StringMatch> header : match.headers().entrySet()) {
            String name = header.getKey();
            if (IGNORED_HEADER_KEYS.contains(name)) {
                continue;
            }
            if (name.startsWith("@")) {
                context.warn(vs, FieldPaths.child(path + ".headers", name), "matching on " + name
                        + " is not supported yet: this match block is skipped");
                return Optional.empty();
            }
            headers.add(new HeaderMatch(name, headerMatch(header.getValue())));
        }
        return Optional.of(new RequestMatch(pathMatch(match), headers));
    }

    /** Whether a block (or a route without blocks, when {@code blockGateways} is empty) applies at {@code gateway}. */
    static boolean appliesAtGateway(VirtualService vs, List<String> blockGateways, String gateway) {
        List<String> gateways = blockGateways.isEmpty() ? vs.gateways() : blockGateways;
        String namespace = vs.meta().namespace();
        return gateways.stream().anyMatch(reference -> GatewayNames.resolve(reference, namespace).equals(gateway));
    }

    private static String unsupportedCondition(HttpMatchRequest match) {
        if (match.scheme().isPresent()) {
            return "scheme";
        }
        if (match.method().isPresent()) {
            return "method";
        }
        if (match.authority().isPresent()) {
            return "authority";
        }
        if (!match.withoutHeaders().isEmpty()) {
            return "withoutHeaders";
        }
        if (!match.queryParams().isEmpty()) {
            return "queryParams";
        }
        if (!match.sourceNamespace().isEmpty()) {
            return "sourceNamespace";
        }
        return null;
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

    private static StringMatch headerMatch(io.foresail.config.model.StringMatch written) {
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
}
