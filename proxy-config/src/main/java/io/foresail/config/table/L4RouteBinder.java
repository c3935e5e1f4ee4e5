package io.foresail.config.table;

import io.foresail.config.model.Gateway;
import io.foresail.config.model.Server;
import io.foresail.config.model.TcpRoute;
import io.foresail.config.model.TlsMatch;
import io.foresail.config.model.TlsRoute;
import io.foresail.config.model.VirtualService;
import io.foresail.config.validate.GatewayNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the VirtualService {@code tcp[]} and {@code tls[]} routes that serve a non-HTTP server,
 * as istiod's {@code buildGatewayNetworkFiltersFrom{TCP,TLS}Routes} does. Of a match block only
 * {@code port} (the server port, or 0) and {@code gateways} (empty, or naming this gateway) count
 * on a gateway.
 */
final class L4RouteBinder {

    /** A passthrough rule: one {@code tls[i].match[j]} with the SNI names the server admits, and its forward. */
    record PassthroughRule(VirtualService vs, String path, List<String> serverNames, Forward forward) {
    }

    private final CompileContext context;
    private final DestinationTranslator destinations;
    private final List<VirtualService> virtualServices;
    /** Per port, which rule first claimed each SNI name (exact string). */
    private final Map<Integer, Map<String, String>> sniOwners = new HashMap<>();

    L4RouteBinder(CompileContext context, DestinationTranslator destinations, List<VirtualService> virtualServices) {
        this.context = context;
        this.destinations = destinations;
        this.virtualServices = List.copyOf(virtualServices);
    }

    /**
     * The forward of the first {@code tcp[]} route, among VirtualServices bound to the gateway in
     * load order whose hosts meet the server's, that passes its port and gateway checks; empty when none does.
     */
    Optional<Forward> tcpForward(Gateway gateway, Server server, int port) {
        String gatewayName = gatewayName(gateway);
        for (VirtualService vs : boundTo(gatewayName)) {
            if (ServerHosts.domains(server.hosts(), gateway.meta().namespace(), vs.hosts(), vs.meta().namespace()).isEmpty()) {
                continue;
            }
            for (TcpRoute route : vs.tcp()) {
                boolean matches = route.match().isEmpty() || route.match().stream()
                        .anyMatch(match -> applies(match.port(), match.gateways(), vs, port, gatewayName));
                if (matches) {
                    Optional<Forward> forward = destinations.translateL4(route.route(), vs.meta().namespace(), port);
                    if (forward.isPresent()) {
                        return forward;
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * One rule per {@code tls[].match[]} of the VirtualServices bound to the gateway that passes its
     * port and gateway checks and names an SNI host the server admits. A rule repeating an SNI name
     * already claimed on the port is skipped with a warning naming both.
     */
    List<PassthroughRule> passthroughRules(Gateway gateway, Server server, int port) {
        String gatewayName = gatewayName(gateway);
        Map<String, String> owners = sniOwners.computeIfAbsent(port, p -> new LinkedHashMap<>());
        List<PassthroughRule> rules = new ArrayList<>();
        for (VirtualService vs : boundTo(gatewayName)) {
            for (int i = 0; i < vs.tls().size(); i++) {
                TlsRoute route = vs.tls().get(i);
                for (int j = 0; j < route.match().size(); j++) {
                    TlsMatch match = route.match().get(j);
                    String path = "spec.tls[" + i + "].match[" + j + "]";
                    if (!applies(match.port(), match.gateways(), vs, port, gatewayName)) {
                        continue;
                    }
                    List<String> serverNames = ServerHosts.admitted(server.hosts(), gateway.meta().namespace(),
                            match.sniHosts(), vs.meta().namespace());
                    if (serverNames.isEmpty()) {
                        continue;
                    }
                    String owner = describe(vs, path);
                    List<String> taken = serverNames.stream().filter(owners::containsKey).toList();
                    if (!taken.isEmpty()) {
                        if (!taken.stream().allMatch(name -> owners.get(name).equals(owner))) {
                            context.warn(vs, path + ".sniHosts", "duplicate SNI host names " + taken + " on port " + port
                                    + ": this rule is skipped; " + owners.get(taken.get(0)) + " was loaded first and keeps them");
                        }
                        continue;
                    }
                    Optional<Forward> forward = destinations.translateL4(route.route(), vs.meta().namespace(), port);
                    if (forward.isEmpty()) {
                        continue;
                    }
                    serverNames.forEach(name -> owners.put(name, owner));
                    rules.add(new PassthroughRule(vs, path, serverNames, forward.get()));
                }
            }
        }
        return rules;
    }

    private List<VirtualService> boundTo(String gatewayName) {
        return virtualServices.stream().filter(vs -> GatewayNames.binds(vs, gatewayName)).toList();
    }

    private static boolean applies(int matchPort, List<String> matchGateways, VirtualService vs, int port,
                                   String gatewayName) {
        if (matchPort != 0 && matchPort != port) {
            return false;
        }
        return matchGateways.isEmpty() || matchGateways.stream()
                .anyMatch(reference -> GatewayNames.resolve(reference, vs.meta().namespace()).equals(gatewayName));
    }

    private static String gatewayName(Gateway gateway) {
        return GatewayNames.of(gateway.meta().namespace(), gateway.meta().name());
    }

    private static String describe(VirtualService vs, String path) {
        return vs.meta().id() + " " + path;
    }
}
