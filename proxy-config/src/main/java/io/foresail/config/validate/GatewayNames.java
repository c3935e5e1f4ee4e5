package io.foresail.config.validate;

import io.foresail.config.model.VirtualService;
import java.util.stream.Stream;

/**
 * How a VirtualService names a gateway: {@code ns/name}; {@code name} (the VirtualService's
 * namespace); the legacy {@code name.ns[.svc.cluster.local]}; or the reserved {@code mesh}.
 */
public final class GatewayNames {

    public static final String MESH = "mesh";

    private GatewayNames() {
    }

    /** {@code ns/name} for a reference written in a VirtualService of {@code namespace}, or {@code mesh}. */
    public static String resolve(String reference, String namespace) {
        if (reference.equals(MESH)) {
            return MESH;
        }
        int slash = reference.indexOf('/');
        if (slash >= 0) {
            return reference;
        }
        int dot = reference.indexOf('.');
        if (dot > 0) {
            String[] parts = reference.split("\\.");
            return parts[1] + "/" + parts[0];
        }
        return namespace + "/" + reference;
    }

    /**
     * Whether {@code vs} binds to the gateway {@code ns/name}: listed at its top level or in any
     * HTTP, TLS or TCP match block, as Istio's {@code getGatewayNames} collects them.
     */
    public static boolean binds(VirtualService vs, String gatewayName) {
        String namespace = vs.meta().namespace();
        if (vs.gateways().stream().anyMatch(reference -> resolve(reference, namespace).equals(gatewayName))) {
            return true;
        }
        return matchGateways(vs).anyMatch(reference -> resolve(reference, namespace).equals(gatewayName));
    }

    /** The gateway references written in the match blocks of the HTTP, TLS and TCP routes of {@code vs}. */
    public static Stream<String> matchGateways(VirtualService vs) {
        Stream<String> http = vs.http().stream().flatMap(route -> route.match().stream())
                .flatMap(match -> match.gateways().stream());
        Stream<String> tls = vs.tls().stream().flatMap(route -> route.match().stream())
                .flatMap(match -> match.gateways().stream());
        Stream<String> tcp = vs.tcp().stream().flatMap(route -> route.match().stream())
                .flatMap(match -> match.gateways().stream());
        return Stream.concat(http, Stream.concat(tls, tcp));
    }

    /** {@code ns/name} of a Gateway resource. */
    public static String of(String namespace, String name) {
        return namespace + "/" + name;
    }
}
