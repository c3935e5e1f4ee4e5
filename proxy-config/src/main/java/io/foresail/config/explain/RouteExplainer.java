package io.foresail.config.explain;

import io.foresail.config.explain.Explanation.Step;
import io.foresail.config.table.ChainTarget;
import io.foresail.config.table.HttpRoutes;
import io.foresail.config.table.PortListener;
import io.foresail.config.table.RequestMatch;
import io.foresail.config.table.Route;
import io.foresail.config.table.RoutingTable;
import io.foresail.config.table.ServerOrigin;
import io.foresail.config.table.TcpForward;
import io.foresail.config.table.TlsChain;
import io.foresail.config.table.VirtualHost;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Explains how a compiled {@link RoutingTable} treats one request, by asking the same objects
 * the data plane asks ({@link PortListener#chainFor}, {@code VirtualHostMatcher#match},
 * {@link VirtualHost#route}) and then describing their answers. Only the "why not" lines
 * (routes tried and the condition each failed) evaluate match blocks on their own.
 */
public final class RouteExplainer {

    private final RoutingTable table;

    public RouteExplainer(RoutingTable table) {
        this.table = table;
    }

    public Explanation explain(ExplainRequest request) {
        List<Step> steps = new ArrayList<>();
        PortListener listener = table.listener(request.port());
        if (listener == null) {
            steps.add(new Step("listener", "none on port " + request.port(),
                    List.of("ports served: " + table.ports())));
            return new Explanation(false, steps);
        }
        steps.add(new Step("listener", "port " + request.port()));
        ChainTarget target;
        if (request.tls()) {
            TlsChain chain = listener.chainFor(request.serverName());
            if (chain == null) {
                List<String> names = listener.tlsChains().stream()
                        .map(c -> c.name() + " " + (c.matchesAll() ? "[any name]" : c.serverNames())).toList();
                steps.add(new Step("tls-chain", "none for SNI " + request.serverName(),
                        names.isEmpty() ? List.of("the port serves no TLS") : names));
                return new Explanation(false, steps);
            }
            steps.add(new Step("tls-chain", chain.name(), chain.termination()
                    .map(tls -> List.of("terminated with certificate " + tls.certificate().certificateChain()))
                    .orElse(List.of("passthrough: the bytes are forwarded still encrypted"))));
            target = chain.target();
        } else {
            if (listener.plaintext().isEmpty()) {
                steps.add(new Step("plaintext", "none: port " + request.port() + " serves only TLS"));
                return new Explanation(false, steps);
            }
            steps.add(new Step("plaintext", "served"));
            target = listener.plaintext().get();
        }
        for (ServerOrigin server : target.servers()) {
            steps.add(serverStep(server));
        }
        if (target instanceof TcpForward tcp) {
            steps.add(new Step("tcp-forward", tcp.name(), Destinations.lines(tcp.forward())));
            return new Explanation(true, steps);
        }
        return explainHttp((HttpRoutes) target, request, steps);
    }

    private Explanation explainHttp(HttpRoutes routes, ExplainRequest request, List<Step> steps) {
        steps.add(new Step("route-config", routes.name()));
        if (routes.virtualHosts().virtualHosts().isEmpty()) {
            steps.add(new Step("virtual-host", "none: no VirtualService is bound to "
                    + gatewaysOf(routes) + " with a host this server admits",
                    List.of("route config " + routes.name() + " has no virtual hosts: every request gets 404 NR")));
            return new Explanation(false, steps);
        }
        VirtualHost virtualHost = routes.virtualHosts().match(request.authority());
        if (virtualHost == null) {
            List<String> domains = new ArrayList<>();
            routes.virtualHosts().virtualHosts().forEach(v -> domains.addAll(v.domains()));
            steps.add(new Step("virtual-host", "none for host " + request.authority(), List.of("domains: " + domains)));
            return new Explanation(false, steps);
        }
        steps.add(new Step("virtual-host", String.join(", ", virtualHost.domains())));
        if (virtualHost.requireTls() && !request.tls()) {
            steps.add(new Step("redirect", "301 https://" + request.authority() + request.request().path()
                    + (request.request().query() == null || request.request().query().isEmpty() ? "" : "?" + request.request().query()),
                    List.of("httpsRedirect: every plaintext request to these hosts is redirected")));
            return new Explanation(true, steps);
        }
        Route route = virtualHost.route(request.request());
        if (route == null) {
            steps.add(new Step("route", "none matched path " + request.request().path(), triedRoutes(virtualHost, request)));
            return new Explanation(false, steps);
        }
        steps.add(new Step("route", "#" + indexOf(virtualHost, route) + " " + route.name(),
                List.of("from " + route.origin(), "matched by " + winningBlock(route, request))));
        steps.addAll(ActionSteps.of(route, request.request()));
        return new Explanation(true, steps);
    }

    /** The position of {@code route} in its virtual host, by identity (two routes may be equal records). */
    private static int indexOf(VirtualHost virtualHost, Route route) {
        List<Route> routes = virtualHost.routes();
        for (int i = 0; i < routes.size(); i++) {
            if (routes.get(i) == route) {
                return i;
            }
        }
        throw new IllegalStateException("route " + route.name() + " is not in its virtual host");
    }

    private static String winningBlock(Route route, ExplainRequest request) {
        if (route.matches().isEmpty()) {
            return "no match block (catch-all)";
        }
        for (int i = 0; i < route.matches().size(); i++) {
            RequestMatch block = route.matches().get(i);
            if (block.matches(request.request())) {
                return "match[" + i + "]: " + MatchBlockCheck.describe(block);
            }
        }
        throw new IllegalStateException("route " + route.name() + " was chosen but none of its blocks matches");
    }

    private static List<String> triedRoutes(VirtualHost virtualHost, ExplainRequest request) {
        List<String> tried = new ArrayList<>();
        List<Route> routes = virtualHost.routes();
        for (int i = 0; i < routes.size(); i++) {
            Route route = routes.get(i);
            tried.add("#" + i + " " + route.name() + ": " + failure(route, request));
        }
        nearestMiss(routes, request).ifPresent(tried::add);
        return tried;
    }

    /**
     * The match block that fails the fewest of its conditions (the earliest on a tie), with how many
     * it fails: the route a reader most likely meant this request for.
     */
    private static Optional<String> nearestMiss(List<Route> routes, ExplainRequest request) {
        String nearest = null;
        int fewest = Integer.MAX_VALUE;
        for (int i = 0; i < routes.size(); i++) {
            List<RequestMatch> blocks = routes.get(i).matches();
            for (int j = 0; j < blocks.size(); j++) {
                RequestMatch block = blocks.get(j);
                int failed = MatchBlockCheck.failedConditions(block, request.request());
                if (failed < fewest) {
                    fewest = failed;
                    nearest = "nearest miss: #" + i + " " + routes.get(i).name() + " match[" + j + "] ("
                            + MatchBlockCheck.describe(block) + "): " + failed + " of "
                            + MatchBlockCheck.conditions(block) + " condition(s) failed, first "
                            + MatchBlockCheck.firstFailure(block, request.request());
                }
            }
        }
        return Optional.ofNullable(nearest);
    }

    private static Step serverStep(ServerOrigin server) {
        return new Step("server", "Gateway " + server.gateway() + " server " + server.portName() + " ("
                + server.protocol() + ") hosts " + server.hosts(), List.of("at " + server.position()));
    }

    /** The Gateways whose servers fill {@code routes}, or its name when it was built in code. */
    private static String gatewaysOf(HttpRoutes routes) {
        List<String> gateways = routes.servers().stream().map(ServerOrigin::gateway).distinct().toList();
        return gateways.isEmpty() ? "route config " + routes.name()
                : (gateways.size() == 1 ? "Gateway " : "Gateways ") + String.join(", ", gateways);
    }

    private static String failure(Route route, ExplainRequest request) {
        if (route.matches().isEmpty()) {
            return "catch-all, but the target is not origin-form (path " + request.request().path() + ")";
        }
        List<String> failures = new ArrayList<>();
        for (RequestMatch block : route.matches()) {
            failures.add(MatchBlockCheck.firstFailure(block, request.request()));
        }
        return String.join("; ", failures);
    }
}
