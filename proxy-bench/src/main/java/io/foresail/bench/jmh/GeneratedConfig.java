package io.foresail.bench.jmh;

/** Istio YAML of a given size for benchmarks: one Gateway, one ServiceEntry, and VirtualServices. */
final class GeneratedConfig {

    /** The host of the VirtualService that {@link #ofMixedRoutes} generates. */
    static final String MIXED_ROUTES_HOST = "routes.example.com";

    private static final String GATEWAY_AND_BACKEND = """
            apiVersion: networking.istio.io/v1
            kind: Gateway
            metadata: {name: edge}
            spec:
              servers:
              - port: {number: 8080, name: http, protocol: HTTP}
                hosts: ["*"]
            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: backend}
            spec:
              hosts: [backend.local]
              resolution: STATIC
              ports: [{number: 80, name: http, protocol: HTTP}]
              endpoints: [{address: 127.0.0.1}]
            """;

    private GeneratedConfig() {
    }

    /** {@code hosts} VirtualServices ({@code host-<h>.example.com}), each with prefix routes {@code /api/v<r>/}. */
    static String of(int hosts, int routesPerHost) {
        StringBuilder yaml = new StringBuilder(GATEWAY_AND_BACKEND);
        for (int h = 0; h < hosts; h++) {
            virtualServiceHead(yaml, "vs-" + h, "host-" + h + ".example.com");
            for (int r = 0; r < routesPerHost; r++) {
                route(yaml, "prefix", "/api/v" + r + "/");
            }
        }
        return yaml.toString();
    }

    /**
     * One VirtualService on {@link #MIXED_ROUTES_HOST} with {@code routes} routes alternating
     * exact {@code /exact/<i>} (even {@code i}) and prefix {@code /prefix/<i>/} (odd {@code i}).
     */
    static String ofMixedRoutes(int routes) {
        StringBuilder yaml = new StringBuilder(GATEWAY_AND_BACKEND);
        virtualServiceHead(yaml, "mixed", MIXED_ROUTES_HOST);
        for (int i = 0; i < routes; i++) {
            if (i % 2 == 0) {
                route(yaml, "exact", "/exact/" + i);
            } else {
                route(yaml, "prefix", "/prefix/" + i + "/");
            }
        }
        return yaml.toString();
    }

    private static void virtualServiceHead(StringBuilder yaml, String name, String host) {
        yaml.append("---\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: ").append(name)
                .append("}\nspec:\n  hosts: [").append(host).append("]\n  gateways: [edge]\n  http:\n");
    }

    private static void route(StringBuilder yaml, String kind, String path) {
        yaml.append("  - match: [{uri: {").append(kind).append(": ").append(path).append("}}]\n")
                .append("    route: [{destination: {host: backend.local}}]\n");
    }
}
