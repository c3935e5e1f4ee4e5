package io.foresail.config.table;

import io.foresail.config.model.Gateway;
import io.foresail.config.model.IstioResource;
import io.foresail.config.model.Server;
import io.foresail.config.model.VirtualService;
import io.foresail.config.validate.ServiceRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles validated resources into a {@link RoutingTable}, the way istiod builds an ingress
 * gateway's listeners and routes: Gateways whose selector matches the proxy labels, one
 * {@link PortListener} per served port (plaintext HTTP routes or a TCP forward, and TLS chains
 * chosen by SNI: terminated HTTPS, terminated TLS to TCP, passthrough), virtual hosts from the
 * intersection of server and VirtualService hosts, routes in load order with catch-alls last, and
 * clusters from ServiceEntry endpoints narrowed by DestinationRule subsets, with their upstream TLS.
 *
 * <p>Expects resources without validation errors. Everything not supported yet is skipped with a
 * warning; a {@code credentialName} that cannot be resolved is an error of the compilation.
 */
public final class RoutingTableCompiler {

    private final Optional<Map<String, String>> proxyLabels;
    private final Optional<Path> secretsDirectory;

    /** @param proxyLabels the proxy's labels; empty: every Gateway applies */
    public RoutingTableCompiler(Optional<Map<String, String>> proxyLabels) {
        this(proxyLabels, Optional.empty());
    }

    /**
     * @param proxyLabels      the proxy's labels; empty: every Gateway applies
     * @param secretsDirectory the folder of {@code credentialName} secrets ({@code --secrets-dir}), if any
     */
    public RoutingTableCompiler(Optional<Map<String, String>> proxyLabels, Optional<Path> secretsDirectory) {
        this.proxyLabels = proxyLabels.map(Map::copyOf);
        this.secretsDirectory = secretsDirectory;
    }

    public Compilation compile(List<IstioResource> resources, String contentHash) {
        CompileContext context = new CompileContext(proxyLabels, ServiceRegistry.of(resources));
        SecretFolders secrets = new SecretFolders(secretsDirectory);
        ClusterBuilder clusters = new ClusterBuilder(context, new UpstreamTlsTranslator(context, secrets));
        DestinationTranslator destinations = new DestinationTranslator(context, clusters);
        HttpRouteTranslator translator = new HttpRouteTranslator(context, new MatchTranslator(context), destinations);
        List<VirtualService> virtualServices = new ArrayList<>();
        for (IstioResource resource : resources) {
            if (resource instanceof VirtualService vs) {
                virtualServices.add(vs);
            }
        }
        ServerBinder binder = new ServerBinder(context, new HttpServerBinder(translator, virtualServices),
                new L4RouteBinder(context, destinations, virtualServices), new ServerTlsTranslator(context, secrets));
        PortServers portServers = new PortServers(context::sameWorkload);
        for (Gateway gateway : applicableGateways(resources, context)) {
            for (int i = 0; i < gateway.servers().size(); i++) {
                Server server = gateway.servers().get(i);
                String path = "spec.servers[" + i + "]";
                if (server.port().isEmpty()) {
                    continue;
                }
                Optional<PortServers.Conflict> conflict = portServers.offer(gateway, path, server, server.port().get());
                conflict.ifPresent(found -> context.warn(found.code(), gateway, path + ".port", found.message()));
                if (conflict.isEmpty() || !conflict.get().skipped()) {
                    binder.bind(gateway, server, path, server.port().get());
                }
            }
        }
        UnadmittedVirtualServiceHosts.warn(gateways(resources), virtualServices, context);
        RoutingTable table = new RoutingTable(binder.listeners(), clusters.clusters(), contentHash);
        return new Compilation(table, context.findings());
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
