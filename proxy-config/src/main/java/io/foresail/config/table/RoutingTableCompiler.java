package io.foresail.config.table;

import io.foresail.config.model.Gateway;
import io.foresail.config.model.IstioResource;
import io.foresail.config.model.Port;
import io.foresail.config.model.Server;
import io.foresail.config.model.VirtualService;
import io.foresail.config.validate.GatewayNames;
import io.foresail.config.validate.Protocol;
import io.foresail.config.validate.ServiceRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Compiles validated resources into a {@link RoutingTable}, the way istiod builds an ingress
 * gateway's listeners and routes: Gateways whose selector matches the proxy labels, one
 * {@link HttpListener} per port with plaintext HTTP servers, virtual hosts from the intersection
 * of server and VirtualService hosts, routes in load order with catch-alls last, and clusters
 * from ServiceEntry endpoints narrowed by DestinationRule subsets.
 *
 * <p>Expects resources without validation errors. Everything not supported yet is skipped with a
 * warning.
 */
public final class RoutingTableCompiler {

    private final Optional<Map<String, String>> proxyLabels;

    /** @param proxyLabels the proxy's labels; empty: every Gateway applies */
    public RoutingTableCompiler(Optional<Map<String, String>> proxyLabels) {
        this.proxyLabels = proxyLabels.map(Map::copyOf);
    }

    public Compilation compile(List<IstioResource> resources, String contentHash) {
        CompileContext context = new CompileContext(proxyLabels, ServiceRegistry.of(resources));
        ClusterBuilder clusters = new ClusterBuilder(context);
        HttpRouteTranslator translator = new HttpRouteTranslator(context, new MatchTranslator(context),
                new DestinationTranslator(context, clusters));
        List<VirtualService> virtualServices = new ArrayList<>();
        for (IstioResource resource : resources) {
            if (resource instanceof VirtualService vs) {
                virtualServices.add(vs);
            }
        }
        Map<Integer, VirtualHostsBuilder> ports = new TreeMap<>();
        Map<String, List<Route>> translated = new HashMap<>();
        PortServers portServers = new PortServers();
        for (IstioResource resource : resources) {
            if (resource instanceof Gateway gateway && applies(gateway, context)) {
                for (int i = 0; i < gateway.servers().size(); i++) {
                    Server server = gateway.servers().get(i);
                    String path = "spec.servers[" + i + "]";
                    if (server.port().isEmpty()) {
                        continue;
                    }
                    Optional<String> conflict = portServers.offer(gateway, path, server, server.port().get());
                    if (conflict.isPresent()) {
                        context.warn(gateway, path + ".port", conflict.get());
                        continue;
                    }
                    addServer(gateway, server, path, virtualServices, ports, translated, translator, context);
                }
            }
        }
        Map<Integer, HttpListener> listeners = new HashMap<>();
        ports.forEach((port, virtualHosts) -> listeners.put(port, new HttpListener(port, virtualHosts.build())));
        return new Compilation(new RoutingTable(listeners, clusters.clusters(), contentHash), context.warnings());
    }

    private static boolean applies(Gateway gateway, CompileContext context) {
        if (context.selects(gateway.selector())) {
            return true;
        }
        context.warn(gateway, "spec.selector", "selector " + gateway.selector()
                + " does not match the proxy labels: this Gateway is not served");
        return false;
    }

    private static void addServer(Gateway gateway, Server server, String path, List<VirtualService> virtualServices,
                                  Map<Integer, VirtualHostsBuilder> ports, Map<String, List<Route>> translated,
                                  HttpRouteTranslator translator, CompileContext context) {
        Port port = server.port().get();
        Protocol protocol = Protocol.parse(port.protocol());
        if (!protocol.isHttp()) {
            context.warn(gateway, path + ".port.protocol", port.protocol() + " server on port " + port.number()
                    + " is not supported yet: skipped");
            return;
        }
        if (server.tls().isPresent()) {
            if (server.tls().get().httpsRedirect()) {
                context.warn(gateway, path + ".tls.httpsRedirect",
                        "httpsRedirect is not supported yet: the server is served as plain HTTP");
            }
        }
        if (!server.bind().isEmpty()) {
            context.warn(gateway, path + ".bind", "bind is not supported yet: the port is served on every address");
        }
        String gatewayName = GatewayNames.of(gateway.meta().namespace(), gateway.meta().name());
        VirtualHostsBuilder virtualHosts = ports.computeIfAbsent(port.number(), p -> new VirtualHostsBuilder());
        for (VirtualService vs : virtualServices) {
            if (!boundTo(vs, gatewayName)) {
                continue;
            }
            List<String> domains = ServerHosts.domains(server.hosts(), gateway.meta().namespace(), vs.hosts(),
                    vs.meta().namespace());
            if (domains.isEmpty()) {
                continue;
            }
            List<Route> routes = translated.computeIfAbsent(translationKey(vs, gatewayName, port.number()),
                    key -> translator.translate(vs, gatewayName, port.number()));
            for (String domain : domains) {
                virtualHosts.add(domain, routes);
            }
        }
    }

    /**
     * Which translations of a VirtualService are the same: one per port, and per gateway only when
     * match blocks name gateways (then a block may apply at one gateway and not another). A
     * VirtualService bound to several merged gateways thus adds its routes to a domain once.
     */
    private static String translationKey(VirtualService vs, String gatewayName, int port) {
        boolean perGateway = vs.http().stream().flatMap(route -> route.match().stream())
                .anyMatch(match -> !match.gateways().isEmpty());
        return vs.meta().id() + " " + port + (perGateway ? " " + gatewayName : "");
    }

    /** A VirtualService binds to a gateway listed at its top level or in any HTTP match block. */
    private static boolean boundTo(VirtualService vs, String gatewayName) {
        String namespace = vs.meta().namespace();
        if (vs.gateways().stream().anyMatch(reference -> GatewayNames.resolve(reference, namespace).equals(gatewayName))) {
            return true;
        }
        return vs.http().stream().flatMap(route -> route.match().stream()).flatMap(match -> match.gateways().stream())
                .anyMatch(reference -> GatewayNames.resolve(reference, namespace).equals(gatewayName));
    }
}
