package io.foresail.config.table;

import io.foresail.config.model.ConfigCodes;
import io.foresail.config.model.HttpMatchRequest;
import io.foresail.config.model.HttpRoute;
import io.foresail.config.model.VirtualService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Translates a VirtualService's {@code http} routes for one gateway server, as Istio's
 * BuildHTTPRoutesForVirtualService does: one {@link Route} per match block, in order, stopping
 * after the first catch-all (later rules are unreachable).
 */
final class HttpRouteTranslator {

    private final CompileContext context;
    private final MatchTranslator matches;
    private final DestinationTranslator destinations;

    HttpRouteTranslator(CompileContext context, MatchTranslator matches, DestinationTranslator destinations) {
        this.context = context;
        this.matches = matches;
        this.destinations = destinations;
    }

    /**
     * The routes of {@code vs} on one gateway server, and whether any of its rules applies there at
     * all: a VirtualService none of whose rules survive the port, gateway and source checks is
     * skipped by Istio ("no routes matched") and gets no virtual host, while one whose rules apply
     * but are not supported yet still owns its domains (requests get 404 rather than another host's routes).
     */
    VirtualServiceRoutes translate(VirtualService vs, String gateway, int port) {
        List<Route> routes = new ArrayList<>();
        boolean anyRuleApplies = false;
        for (int i = 0; i < vs.http().size(); i++) {
            HttpRoute http = vs.http().get(i);
            String path = "spec.http[" + i + "]";
            List<Integer> applying = applyingBlocks(vs, http, gateway, port);
            if (applying.isEmpty()) {
                continue;
            }
            anyRuleApplies = true;
            if (translateRoute(vs, http, applying, path, gateway, port, routes)) {
                break;
            }
        }
        return new VirtualServiceRoutes(routes, anyRuleApplies);
    }

    /** Indexes of the match blocks of {@code http} that apply on this server; {@code [-1]} for a route without blocks. */
    private List<Integer> applyingBlocks(VirtualService vs, HttpRoute http, String gateway, int port) {
        if (http.match().isEmpty()) {
            return List.of(-1);
        }
        List<Integer> applying = new ArrayList<>();
        for (int j = 0; j < http.match().size(); j++) {
            if (matches.appliesHere(vs, http.match().get(j), gateway, port)) {
                applying.add(j);
            }
        }
        return applying;
    }

    /**
     * Adds the routes of one HTTPRoute's applying blocks; returns whether translation of this
     * VirtualService stops here (Istio stops after the first catch-all, whatever its action).
     */
    private boolean translateRoute(VirtualService vs, HttpRoute http, List<Integer> applying, String path, String gateway,
                                   int port, List<Route> routes) {
        Optional<Forward> forward = http.route().isEmpty() ? Optional.empty()
                : destinations.translate(http.route(), vs.meta().namespace(), port)
                        .map(written -> Forward.of(written.destinations(), forwardPolicy(vs, http, port)));
        RouteFilters filters = new RouteFilters(HeaderRewritesTranslator.translate(http.headers()),
                http.corsPolicy().map(CorsPolicyTranslator::translate), FaultPolicyTranslator.translate(http.fault()));
        if (forward.isEmpty() && http.redirect().isEmpty() && http.directResponse().isEmpty()) {
            String action = http.unsupportedFields().stream()
                    .filter(field -> field.equals("delegate"))
                    .findFirst().orElse("route");
            context.warn(ConfigCodes.NOT_SUPPORTED, vs, path + "." + action, action + " is not supported yet: this route is skipped");
        }
        if (http.match().isEmpty()) {
            RouteActionTranslator.translate(http, forward, Optional.empty(), port).ifPresent(action -> routes.add(
                    new Route(routeName(vs, http.name(), "", path), List.of(), action, origin(vs, path), filters)));
            return true;
        }
        for (int j : applying) {
            HttpMatchRequest match = http.match().get(j);
            Optional<RequestMatch> requestMatch = matches.translate(vs, match, path + ".match[" + j + "]", gateway, port);
            if (requestMatch.isEmpty()) {
                continue;
            }
            RouteActionTranslator.translate(http, forward, match.uri(), port).ifPresent(action -> routes.add(
                    new Route(routeName(vs, http.name(), match.name(), path), List.of(requestMatch.get()), action,
                            origin(vs, path + ".match[" + j + "]"), filters)));
            if (CatchAllRoutes.isCatchAll(requestMatch.get())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The route's timeout ({@code 0s}, like none, is no timeout), retries and mirrors; the rewrite
     * and authority are added per match block by {@link RouteActionTranslator}.
     */
    private ForwardPolicy forwardPolicy(VirtualService vs, HttpRoute http, int port) {
        return new ForwardPolicy(Optional.empty(), Optional.empty(), http.timeout().filter(timeout -> !timeout.isZero()),
                RetryPolicyTranslator.translate(http.retries()), destinations.mirrors(http, vs.meta().namespace(), port));
    }

    private static RouteOrigin origin(VirtualService vs, String path) {
        return new RouteOrigin(vs.meta().id(), vs.positions().of(path));
    }

    /** Istio's route name ({@code route.match}, {@code route} or {@code match}), else {@code ns/vs/http[i]}. */
    private static String routeName(VirtualService vs, String routeName, String matchName, String path) {
        if (!routeName.isEmpty()) {
            return matchName.isEmpty() ? routeName : routeName + "." + matchName;
        }
        if (!matchName.isEmpty()) {
            return matchName;
        }
        return vs.meta().namespace() + "/" + vs.meta().name() + "/" + path.substring("spec.".length());
    }
}
