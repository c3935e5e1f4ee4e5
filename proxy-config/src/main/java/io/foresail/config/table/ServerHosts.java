package io.foresail.config.table;

import io.foresail.config.validate.HostPatterns;
import io.foresail.config.validate.ServiceRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The domains a VirtualService gets on a Gateway server: the server hosts visible to the
 * VirtualService's namespace ({@code host} and {@code *}{@code /host} for all, {@code ./host} for the
 * Gateway's namespace, {@code ns/host} for {@code ns}), intersected with the VirtualService hosts,
 * keeping the more specific of each matching pair.
 */
final class ServerHosts {

    private ServerHosts() {
    }

    static List<String> domains(List<String> serverHosts, String gatewayNamespace, List<String> vsHosts, String vsNamespace) {
        List<String> domains = new ArrayList<>();
        for (String serverHost : visibleTo(serverHosts, gatewayNamespace, vsNamespace)) {
            for (String vsHost : vsHosts) {
                String domain = HostPatterns.moreSpecific(serverHost, ServiceRegistry.qualify(vsHost, vsNamespace));
                if (domain != null) {
                    String lower = domain.toLowerCase(Locale.ROOT);
                    if (!domains.contains(lower)) {
                        domains.add(lower);
                    }
                }
            }
        }
        return domains;
    }

    /**
     * The {@code candidates} (lower-cased, deduplicated) that a server host visible to
     * {@code vsNamespace} admits: equal to it or covered by its wildcard, as Istio's
     * {@code pickMatchingGatewayHosts} picks a TLS route's {@code sniHosts}.
     */
    static List<String> admitted(List<String> serverHosts, String gatewayNamespace, List<String> candidates,
                                 String vsNamespace) {
        List<String> visible = visibleTo(serverHosts, gatewayNamespace, vsNamespace);
        List<String> admitted = new ArrayList<>();
        for (String candidate : candidates) {
            String lower = candidate.toLowerCase(Locale.ROOT);
            if (!admitted.contains(lower) && visible.stream().anyMatch(host -> HostPatterns.subsetOf(lower, host))) {
                admitted.add(lower);
            }
        }
        return admitted;
    }

    /**
     * A TLS filter chain's server names for these server hosts: {@code ns/} stripped, lower-cased,
     * deduplicated, sorted; empty (match-all) when one of them is {@code *}.
     */
    static List<String> serverNames(List<String> hosts, String gatewayNamespace) {
        List<String> names = ServerHost.parseAll(hosts, gatewayNamespace).stream()
                .map(host -> host.host().toLowerCase(Locale.ROOT)).distinct().sorted().toList();
        return names.contains("*") ? List.of() : names;
    }

    private static List<String> visibleTo(List<String> serverHosts, String gatewayNamespace, String vsNamespace) {
        List<String> visible = new ArrayList<>();
        for (ServerHost serverHost : ServerHost.parseAll(serverHosts, gatewayNamespace)) {
            if (serverHost.admits(vsNamespace)) {
                visible.add(serverHost.host());
            }
        }
        return visible;
    }
}
