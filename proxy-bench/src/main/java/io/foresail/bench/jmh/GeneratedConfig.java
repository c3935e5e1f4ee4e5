package io.foresail.bench.jmh;

/** Istio YAML of a given size for benchmarks: one Gateway, one ServiceEntry, N VirtualServices. */
final class GeneratedConfig {

    private GeneratedConfig() {
    }

    static String of(int hosts, int routesPerHost) {
        StringBuilder yaml = new StringBuilder("""
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
                """);
        for (int h = 0; h < hosts; h++) {
            yaml.append("---\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: vs-")
                    .append(h).append("}\nspec:\n  hosts: [host-").append(h).append(".example.com]\n  gateways: [edge]\n  http:\n");
            for (int r = 0; r < routesPerHost; r++) {
                yaml.append("  - match: [{uri: {prefix: /api/v").append(r).append("/}}]\n")
                        .append("    route: [{destination: {host: backend.local}}]\n");
            }
        }
        return yaml.toString();
    }
}
