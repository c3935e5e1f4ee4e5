package io.foresail.config.table;

import io.foresail.config.model.Gateway;
import io.foresail.config.model.Port;
import io.foresail.config.model.Server;
import io.foresail.config.model.VirtualService;
import io.foresail.config.validate.GatewayNames;
import io.foresail.config.validate.Protocol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Binds VirtualServices to the plaintext HTTP servers of the applicable Gateways, as istiod's
 * {@code buildGatewayHTTPRouteConfig} does: for each server, each VirtualService bound to its
 * Gateway gets one virtual host per domain in the intersection of the server's and its own hosts,
 * with its routes translated for that gateway and port. Remembers which VirtualService hosts no
 * server admitted, to warn about them (istioctl's IST0132).
 */
final class HttpServerBinder {

    private final CompileContext context;
    private final HttpRouteTranslator translator;
    private final List<VirtualService> virtualServices;
    private final Map<Integer, VirtualHostsBuilder> ports = new TreeMap<>();
    private final Map<String, List<Route>> translations = new HashMap<>();
    /** VirtualServices bound to a served Gateway, with the indexes of their hosts that some server admitted. */
    private final Map<VirtualService, Set<Integer>> admittedHosts = new LinkedHashMap<>();

    HttpServerBinder(CompileContext context, HttpRouteTranslator translator, List<VirtualService> virtualServices) {
        this.context = context;
        this.translator = translator;
        this.virtualServices = List.copyOf(virtualServices);
    }

    /** Adds one server (at {@code path} in {@code gateway}) that {@link PortServers} let onto its port. */
    void bind(Gateway gateway, Server server, String path, Port port) {
        if (!Protocol.parse(port.protocol()).isHttp()) {
            context.warn(gateway, path + ".port.protocol", port.protocol() + " server on port " + port.number()
                    + " is not supported yet: skipped");
            return;
        }
        if (server.tls().isPresent() && server.tls().get().httpsRedirect()) {
            context.warn(gateway, path + ".tls.httpsRedirect",
                    "httpsRedirect is not supported yet: the server is served as plain HTTP");
        }
        if (!server.bind().isEmpty()) {
            context.warn(gateway, path + ".bind", "bind is not supported yet: the port is served on every address");
        }
        String gatewayName = GatewayNames.of(gateway.meta().namespace(), gateway.meta().name());
        VirtualHostsBuilder virtualHosts = ports.computeIfAbsent(port.number(), p -> new VirtualHostsBuilder());
        for (VirtualService vs : virtualServices) {
            if (boundTo(vs, gatewayName)) {
                bindVirtualService(vs, gateway, server, gatewayName, port.number(), virtualHosts);
            }
        }
    }

    private void bindVirtualService(VirtualService vs, Gateway gateway, Server server, String gatewayName, int port,
                                    VirtualHostsBuilder virtualHosts) {
        Set<Integer> admitted = admittedHosts.computeIfAbsent(vs, v -> new HashSet<>());
        List<String> domains = new ArrayList<>();
        for (int i = 0; i < vs.hosts().size(); i++) {
            List<String> hostDomains = ServerHosts.domains(server.hosts(), gateway.meta().namespace(),
                    List.of(vs.hosts().get(i)), vs.meta().namespace());
            if (!hostDomains.isEmpty()) {
                admitted.add(i);
                hostDomains.stream().filter(domain -> !domains.contains(domain)).forEach(domains::add);
            }
        }
        if (domains.isEmpty()) {
            return;
        }
        List<Route> routes = translations.computeIfAbsent(translationKey(vs, gatewayName, port),
                key -> translator.translate(vs, gatewayName, port));
        for (String domain : domains) {
            virtualHosts.add(domain, routes);
        }
    }

    /** The listeners built, one per port that has a served HTTP server. */
    Map<Integer, HttpListener> listeners() {
        Map<Integer, HttpListener> listeners = new HashMap<>();
        ports.forEach((port, virtualHosts) -> listeners.put(port, new HttpListener(port, virtualHosts.build())));
        return listeners;
    }

    /** Warns about every host of a bound VirtualService that no server of its Gateways admitted. */
    void warnAboutUnadmittedHosts() {
        admittedHosts.forEach((vs, admitted) -> {
            for (int i = 0; i < vs.hosts().size(); i++) {
                if (!admitted.contains(i)) {
                    context.warn(vs, "spec.hosts[" + i + "]", "host " + vs.hosts().get(i)
                            + " is admitted by no server of the Gateways this VirtualService is bound to: not served");
                }
            }
        });
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
