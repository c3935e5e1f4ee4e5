package io.foresail.config.explain;

import io.foresail.config.explain.Explanation.Step;
import io.foresail.config.table.ChainTarget;
import io.foresail.config.table.Cluster;
import io.foresail.config.table.DirectResponseAction;
import io.foresail.config.table.Endpoint;
import io.foresail.config.table.Forward;
import io.foresail.config.table.HttpRoutes;
import io.foresail.config.table.PortListener;
import io.foresail.config.table.RedirectAction;
import io.foresail.config.table.RequestMatch;
import io.foresail.config.table.Route;
import io.foresail.config.table.RoutingTable;
import io.foresail.config.table.TcpForward;
import io.foresail.config.table.TlsChain;
import io.foresail.config.table.VirtualHost;
import io.foresail.config.table.WeightedDestination;
import java.util.ArrayList;
import java.util.List;

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
        if (target instanceof TcpForward tcp) {
            steps.add(new Step("tcp-forward", tcp.name(), destinations(tcp.forward())));
            return new Explanation(true, steps);
        }
        return explainHttp((HttpRoutes) target, request, steps);
    }

    private Explanation explainHttp(HttpRoutes routes, ExplainRequest request, List<Step> steps) {
        steps.add(new Step("route-config", routes.name()));
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
        if (route.action() instanceof Forward forward) {
            steps.add(new Step("forward", forward.destinations().size() + " destination(s)", destinations(forward)));
        } else if (route.action() instanceof RedirectAction redirect) {
            steps.add(RouteAnswerSteps.redirect(redirect));
        } else if (route.action() instanceof DirectResponseAction response) {
            steps.add(RouteAnswerSteps.directResponse(response));
        }
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
        return tried;
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

    private static List<String> destinations(Forward forward) {
        List<String> lines = new ArrayList<>();
        for (WeightedDestination destination : forward.destinations()) {
            lines.add(destination.clusterName() + " weight " + destination.weight() + "/" + forward.totalWeight()
                    + destination.cluster().map(RouteExplainer::clusterDetail).orElse(" (no such cluster: 503 NC)"));
            destination.cluster().ifPresent(cluster -> {
                for (Endpoint endpoint : cluster.endpoints()) {
                    lines.add("  endpoint " + endpoint.address() + ":" + endpoint.port() + " weight " + endpoint.weight());
                }
            });
        }
        return lines;
    }

    private static String clusterDetail(Cluster cluster) {
        return (cluster.subset().isEmpty() ? "" : " subset " + cluster.subset())
                + (cluster.endpoints().isEmpty() ? " (no endpoints: 503 UH)" : "")
                + (cluster.tls().isPresent() ? " (TLS to upstream)" : "");
    }
}
