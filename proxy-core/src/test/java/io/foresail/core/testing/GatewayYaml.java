package io.foresail.core.testing;

/** Small complete configs for reload tests: one Gateway port routing every host to one endpoint. */
public final class GatewayYaml {

    /** A document that does not parse: a rejected config. */
    public static final String BROKEN = "apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: [broken\n";

    private GatewayYaml() {
    }

    /**
     * Gateway {@code name} on {@code port} for every host, a VirtualService sending everything to
     * {@code name.internal}, and a ServiceEntry placing that at 127.0.0.1:{@code endpointPort}.
     */
    public static String plainHttp(String name, int port, int endpointPort) {
        return """
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata:
                  name: %1$s
                spec:
                  servers:
                  - port:
                      number: %2$d
                      name: http
                      protocol: HTTP
                    hosts: ["*"]
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata:
                  name: %1$s
                spec:
                  hosts: ["*"]
                  gateways: ["%1$s"]
                  http:
                  - route:
                    - destination:
                        host: %1$s.internal
                ---
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata:
                  name: %1$s
                spec:
                  hosts: ["%1$s.internal"]
                  resolution: STATIC
                  ports:
                  - number: 80
                    name: http
                    protocol: HTTP
                  endpoints:
                  - address: 127.0.0.1
                    ports:
                      http: %3$d
                """.formatted(name, port, endpointPort);
    }
}
