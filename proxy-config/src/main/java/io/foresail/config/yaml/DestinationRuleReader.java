package io.foresail.config.yaml;

import io.foresail.config.model.ClientTls;
import io.foresail.config.model.DestinationRule;
import io.foresail.config.model.ResourceMeta;
import io.foresail.config.model.Subset;
import io.foresail.config.model.TrafficPolicy;
import java.util.List;
import java.util.Optional;

/**
 * Binds a DestinationRule {@code spec}. Of the traffic policies only {@code tls} (top level, per
 * port, per subset) is bound; their other fields are checked for shape and reported as not supported yet.
 */
final class DestinationRuleReader {

    private DestinationRuleReader() {
    }

    static DestinationRule read(ResourceMeta meta, Optional<MappingReader> spec, ParseSession session) {
        if (spec.isEmpty()) {
            return new DestinationRule(meta, "", List.of(), session.positions());
        }
        MappingReader dr = spec.get();
        String host = dr.string("host");
        Optional<TrafficPolicy> trafficPolicy = dr.object("trafficPolicy", DestinationRuleReader::trafficPolicy);
        List<Subset> subsets = dr.objects("subsets", subset -> new Subset(subset.string("name"),
                subset.stringMap("labels"), subset.object("trafficPolicy", DestinationRuleReader::trafficPolicy)));
        dr.unsupported("exportTo", IstioShapes.STRINGS);
        dr.unsupported("workloadSelector", IstioShapes.WORKLOAD_SELECTOR);
        return new DestinationRule(meta, host, trafficPolicy, subsets, session.positions());
    }

    private static TrafficPolicy trafficPolicy(MappingReader policy) {
        Optional<ClientTls> tls = policy.object("tls", DestinationRuleReader::clientTls);
        List<TrafficPolicy.PortTrafficPolicy> ports = policy.objects("portLevelSettings", port -> {
            int number = port.object("port", selector -> selector.uint32("number")).orElse(0);
            Optional<ClientTls> portTls = port.object("tls", DestinationRuleReader::clientTls);
            unsupportedPolicyFields(port);
            return new TrafficPolicy.PortTrafficPolicy(number, portTls);
        });
        unsupportedPolicyFields(policy);
        policy.unsupported("tunnel", IstioShapes.TUNNEL);
        policy.unsupported("proxyProtocol", IstioShapes.PROXY_PROTOCOL);
        policy.unsupported("retryBudget", IstioShapes.RETRY_BUDGET);
        return new TrafficPolicy(tls, ports);
    }

    private static void unsupportedPolicyFields(MappingReader policy) {
        policy.unsupported("loadBalancer", IstioShapes.LOAD_BALANCER);
        policy.unsupported("connectionPool", IstioShapes.CONNECTION_POOL);
        policy.unsupported("outlierDetection", IstioShapes.OUTLIER_DETECTION);
    }

    private static ClientTls clientTls(MappingReader tls) {
        return new ClientTls(tls.string("mode"), tls.string("clientCertificate"), tls.string("privateKey"),
                tls.string("caCertificates"), tls.string("caCrl"), tls.string("credentialName"),
                tls.strings("subjectAltNames"), tls.string("sni"), tls.bool("insecureSkipVerify"));
    }
}
