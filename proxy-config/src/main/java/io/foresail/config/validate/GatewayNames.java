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
     * Whether {@code vs} binds to the gateway {@code ns/name}: listed in its top-level
     * {@code gateways}, as Istio's {@code getGatewayNames} reads them (omitted means {@code mesh}).
     * Gateways named in match blocks only narrow a bound VirtualService; they never bind one.
     */
    public static boolean binds(VirtualService vs, String gatewayName) {
        String namespace = vs.meta().namespace();
        return vs.gateways().stream().anyMatch(reference -> resolve(reference, namespace).equals(gatewayName));
    }

    /** {@code ns/name} of a Gateway resource. */
    public static String of(String namespace, String name) {
        return namespace + "/" + name;
    }
}
