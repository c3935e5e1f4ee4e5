package io.foresail.config.table;

import io.foresail.config.model.Gateway;
import io.foresail.config.model.Port;
import io.foresail.config.model.Server;
import io.foresail.config.model.VirtualService;
import io.foresail.config.validate.GatewayNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Binds VirtualServices to the HTTP servers of the applicable Gateways, as istiod's
 * {@code buildGatewayHTTPRouteConfig} does: for each server, each VirtualService bound to its
 * Gateway gets one virtual host per domain in the intersection of the server's and its own hosts,
 * with its routes translated for that gateway and port. Plaintext servers of a port share one
 * route table ({@code http.<port>}); each terminating HTTPS server has its own.
 */
final class HttpServerBinder {

    private final HttpRouteTranslator translator;
    private final List<VirtualService> virtualServices;
    private final Map<Integer, VirtualHostsBuilder> ports = new TreeMap<>();
    private final Map<Integer, List<ServerOrigin>> plaintextServers = new HashMap<>();
    private final Map<String, VirtualServiceRoutes> translations = new HashMap<>();

    HttpServerBinder(HttpRouteTranslator translator, List<VirtualService> virtualServices) {
        this.translator = translator;
        this.virtualServices = List.copyOf(virtualServices);
    }

    /**
     * Adds a plaintext HTTP server to its port's shared route table. With {@code tls.httpsRedirect}
     * its domains, and every one of its hosts even without a VirtualService, are redirected to HTTPS.
     */
    void bindPlaintext(Gateway gateway, Server server, Port port, ServerOrigin origin) {
        VirtualHostsBuilder virtualHosts = ports.computeIfAbsent(port.number(), p -> new VirtualHostsBuilder());
        plaintextServers.computeIfAbsent(port.number(), p -> new ArrayList<>()).add(origin);
        boolean redirect = server.tls().isPresent() && server.tls().get().httpsRedirect();
        addVirtualServices(gateway, server, port.number(), virtualHosts, redirect);
        if (redirect) {
            for (ServerHost host : ServerHost.parseAll(server.hosts(), gateway.meta().namespace())) {
                virtualHosts.requireTls(host.host().toLowerCase(Locale.ROOT));
            }
        }
    }

    /** The route table of one terminating HTTPS server: {@code https.<port>.<portName>.<gateway>.<namespace>}. */
    HttpRoutes terminated(Gateway gateway, Server server, Port port, String name, ServerOrigin origin) {
        VirtualHostsBuilder virtualHosts = new VirtualHostsBuilder();
        addVirtualServices(gateway, server, port.number(), virtualHosts, false);
        return new HttpRoutes(name, virtualHosts.build(), List.of(origin));
    }

    /** The shared plaintext route tables, by port. */
    Map<Integer, HttpRoutes> plaintext() {
        Map<Integer, HttpRoutes> routes = new HashMap<>();
        ports.forEach((port, virtualHosts) -> routes.put(port,
                new HttpRoutes("http." + port, virtualHosts.build(), plaintextServers.get(port))));
        return routes;
    }

    private void addVirtualServices(Gateway gateway, Server server, int port, VirtualHostsBuilder virtualHosts,
                                    boolean requireTls) {
        String gatewayName = GatewayNames.of(gateway.meta().namespace(), gateway.meta().name());
        for (VirtualService vs : virtualServices) {
            if (!GatewayNames.binds(vs, gatewayName)) {
                continue;
            }
            List<String> domains = ServerHosts.domains(server.hosts(), gateway.meta().namespace(), vs.hosts(),
                    vs.meta().namespace());
            if (domains.isEmpty()) {
                continue;
            }
            VirtualServiceRoutes translated = translations.computeIfAbsent(translationKey(vs, gatewayName, port),
                    key -> translator.translate(vs, gatewayName, port));
            if (!translated.anyRuleApplies()) {
                continue;
            }
            for (String domain : domains) {
                virtualHosts.add(domain, translated.routes());
                if (requireTls) {
                    virtualHosts.requireTls(domain);
                }
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
}
