package io.foresail.config.table;

import io.foresail.config.model.Gateway;
import io.foresail.config.model.IstioResource;
import io.foresail.config.model.Server;
import io.foresail.config.model.VirtualService;
import io.foresail.config.validate.ServiceRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles validated resources into a {@link RoutingTable}, the way istiod builds an ingress
 * gateway's listeners and routes: Gateways whose selector matches the proxy labels, one
 * {@link PortListener} per port with plaintext HTTP servers, virtual hosts from the intersection
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
        HttpServerBinder binder = new HttpServerBinder(context, translator, virtualServices);
        PortServers portServers = new PortServers();
        for (Gateway gateway : applicableGateways(resources, context)) {
            for (int i = 0; i < gateway.servers().size(); i++) {
                Server server = gateway.servers().get(i);
                String path = "spec.servers[" + i + "]";
                if (server.port().isEmpty()) {
                    continue;
                }
                Optional<String> conflict = portServers.offer(gateway, path, server, server.port().get());
                if (conflict.isPresent()) {
                    context.warn(gateway, path + ".port", conflict.get());
                } else {
                    binder.bind(gateway, server, path, server.port().get());
                }
            }
        }
        UnadmittedVirtualServiceHosts.warn(gateways(resources), virtualServices, context);
        RoutingTable table = new RoutingTable(binder.listeners(), clusters.clusters(), contentHash);
        return new Compilation(table, context.warnings());
    }

    private static List<Gateway> gateways(List<IstioResource> resources) {
        return resources.stream().filter(Gateway.class::isInstance).map(Gateway.class::cast).toList();
    }

    /**
     * The Gateways whose selector is a subset of the proxy labels, in load order. Like Istio, a
     * Gateway selecting other workloads is skipped silently (one folder often holds the Gateways of
     * several deployments); only when none applies is each reported, as that is a label mistake.
     */
    private static List<Gateway> applicableGateways(List<IstioResource> resources, CompileContext context) {
        List<Gateway> gateways = gateways(resources);
        List<Gateway> applicable = gateways.stream().filter(gateway -> context.selects(gateway.selector())).toList();
        if (applicable.isEmpty()) {
            for (Gateway gateway : gateways) {
                context.warn(gateway, "spec.selector", "selector " + gateway.selector()
                        + " does not match the proxy labels, nor does any other Gateway's: nothing is served");
            }
        }
        return applicable;
    }
}
