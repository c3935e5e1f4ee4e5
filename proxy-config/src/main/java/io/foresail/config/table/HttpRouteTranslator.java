package io.foresail.config.table;

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

    List<Route> translate(VirtualService vs, String gateway, int port) {
        List<Route> routes = new ArrayList<>();
        for (int i = 0; i < vs.http().size(); i++) {
            HttpRoute http = vs.http().get(i);
            String path = "spec.http[" + i + "]";
            boolean catchAll = translateRoute(vs, http, path, gateway, port, routes);
            if (catchAll) {
                break;
            }
        }
        return routes;
    }

    /** Adds the routes of one HTTPRoute; returns whether translation of this VirtualService stops here. */
    private boolean translateRoute(VirtualService vs, HttpRoute http, String path, String gateway, int port,
                                   List<Route> routes) {
        Optional<Forward> forward = http.route().isEmpty() ? Optional.empty()
                : destinations.translate(http.route(), vs.meta().namespace(), port);
        if (forward.isEmpty()) {
            String action = http.unsupportedFields().stream()
                    .filter(field -> field.equals("redirect") || field.equals("directResponse") || field.equals("delegate"))
                    .findFirst().orElse("route");
            context.warn(vs, path + "." + action, action + " is not supported yet: this route is skipped");
            return http.match().isEmpty();
        }
        String baseName = http.name();
        if (http.match().isEmpty()) {
            if (!MatchTranslator.appliesAtGateway(vs, List.of(), gateway)) {
                return false;
            }
            routes.add(new Route(routeName(vs, baseName, "", path), List.of(), forward.get()));
            return true;
        }
        for (int j = 0; j < http.match().size(); j++) {
            HttpMatchRequest match = http.match().get(j);
            Optional<RequestMatch> requestMatch = matches.translate(vs, match, path + ".match[" + j + "]", gateway, port);
            if (requestMatch.isEmpty()) {
                continue;
            }
            Route route = new Route(routeName(vs, baseName, match.name(), path), List.of(requestMatch.get()), forward.get());
            routes.add(route);
            if (CatchAllRoutes.isCatchAll(route)) {
                return true;
            }
        }
        return false;
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
