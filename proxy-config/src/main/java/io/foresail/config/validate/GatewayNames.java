package io.foresail.config.validate;

import io.foresail.config.model.VirtualService;

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
     * HTTP match block, as Istio's {@code getGatewayNames} collects them.
     */
    public static boolean binds(VirtualService vs, String gatewayName) {
        String namespace = vs.meta().namespace();
        if (vs.gateways().stream().anyMatch(reference -> resolve(reference, namespace).equals(gatewayName))) {
            return true;
        }
        return vs.http().stream().flatMap(route -> route.match().stream()).flatMap(match -> match.gateways().stream())
                .anyMatch(reference -> resolve(reference, namespace).equals(gatewayName));
    }

    /** {@code ns/name} of a Gateway resource. */
    public static String of(String namespace, String name) {
        return namespace + "/" + name;
    }
}
