package io.foresail.config.table;

import io.foresail.config.model.Gateway;
import io.foresail.config.model.Port;
import io.foresail.config.model.Server;
import io.foresail.config.model.VirtualService;
import io.foresail.config.validate.GatewayNames;
import io.foresail.config.validate.Protocol;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Binds VirtualServices to the plaintext HTTP servers of the applicable Gateways, as istiod's
 * {@code buildGatewayHTTPRouteConfig} does: for each server, each VirtualService bound to its
 * Gateway gets one virtual host per domain in the intersection of the server's and its own hosts,
 * with its routes translated for that gateway and port.
 */
final class HttpServerBinder {

    private final CompileContext context;
    private final HttpRouteTranslator translator;
    private final List<VirtualService> virtualServices;
    private final Map<Integer, VirtualHostsBuilder> ports = new TreeMap<>();
    private final Map<String, VirtualServiceRoutes> translations = new HashMap<>();

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
            if (GatewayNames.binds(vs, gatewayName)) {
                bindVirtualService(vs, gateway, server, gatewayName, port.number(), virtualHosts);
            }
        }
    }

    private void bindVirtualService(VirtualService vs, Gateway gateway, Server server, String gatewayName, int port,
                                    VirtualHostsBuilder virtualHosts) {
        List<String> domains = ServerHosts.domains(server.hosts(), gateway.meta().namespace(), vs.hosts(),
                vs.meta().namespace());
        if (domains.isEmpty()) {
            return;
        }
        VirtualServiceRoutes translated = translations.computeIfAbsent(translationKey(vs, gatewayName, port),
                key -> translator.translate(vs, gatewayName, port));
        if (!translated.anyRuleApplies()) {
            return;
        }
        for (String domain : domains) {
            virtualHosts.add(domain, translated.routes());
        }
    }

    /** The listeners built, one per port that has a served HTTP server. */
    Map<Integer, PortListener> listeners() {
        Map<Integer, PortListener> listeners = new HashMap<>();
        ports.forEach((port, virtualHosts) -> listeners.put(port, PortListener.http(port, virtualHosts.build())));
        return listeners;
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
}
