package io.foresail.bench.jmh;

import io.foresail.config.reload.ConfigLoader;
import io.foresail.config.reload.LoadResult;
import io.foresail.config.table.RoutingTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/** Istio YAML of a given size for benchmarks: one Gateway, ServiceEntries, and VirtualServices. */
final class GeneratedConfig {

    /** The host of the VirtualService that {@link #ofMixedRoutes} generates. */
    static final String MIXED_ROUTES_HOST = "routes.example.com";

    /** The Gateway port every generated VirtualService is bound to. */
    static final int PORT = 8080;

    private static final String GATEWAY = """
            apiVersion: networking.istio.io/v1
            kind: Gateway
            metadata: {name: edge}
            spec:
              servers:
              - port: {number: 8080, name: http, protocol: HTTP}
                hosts: ["*"]
            """;

    /** The Gateway {@code edge} on {@link #PORT} (hosts {@code *}) and a STATIC ServiceEntry {@code backend.local:80} on 127.0.0.1. */
    static final String GATEWAY_AND_BACKEND = GATEWAY + serviceEntry("backend", "backend.local");

    private GeneratedConfig() {
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

    /**
     * {@code virtualServices} VirtualServices {@code vs-<h>} routing to {@code backend.local}, the
     * way platform teams write them: VirtualService {@code h} serves {@code hosts.apply(h)} with
     * {@code routesPerService} routes, route {@code r} named {@code vs-<h>-r<r>} and matching
     * {@code match.apply(r)} (the YAML flow text of one match block, e.g. {@code {uri: {prefix: /a/}}}).
     */
    static String ofVirtualServices(int virtualServices, IntFunction<String> hosts, int routesPerService,
                                    IntFunction<String> match) {
        StringBuilder yaml = new StringBuilder(GATEWAY_AND_BACKEND);
        for (int h = 0; h < virtualServices; h++) {
            virtualServiceHead(yaml, "vs-" + h, hosts.apply(h));
            for (int r = 0; r < routesPerService; r++) {
                namedRoute(yaml, "vs-" + h + "-r" + r, match.apply(r), "backend.local");
            }
        }
        return yaml.toString();
    }

    /**
     * A platform's config of {@code routes} routes for the compile benchmark: {@code routes / 10}
     * VirtualServices on exact hosts {@code svc-<h>.example.com}, each with its own STATIC
     * ServiceEntry {@code backend-<h>.internal} and ten routes of every kind the route index
     * distinguishes: six prefix, two exact, one regex, one header condition.
     */
    static String ofPlatform(int routes) {
        if (routes % 10 != 0) {
            throw new IllegalArgumentException("routes: " + routes + " (expected: a multiple of 10)");
        }
        StringBuilder yaml = new StringBuilder(GATEWAY);
        for (int h = 0; h < routes / 10; h++) {
            String backend = "backend-" + h + ".internal";
            yaml.append(serviceEntry("backend-" + h, backend));
            virtualServiceHead(yaml, "vs-" + h, "svc-" + h + ".example.com");
            for (int r = 0; r < 10; r++) {
                String match = switch (r) {
                    case 0, 1, 2, 3, 4, 5 -> "{uri: {prefix: /api/v" + r + "/}}";
                    case 6, 7 -> "{uri: {exact: /status/" + r + "}}";
                    case 8 -> "{uri: {regex: '/users/[0-9]+/orders'}}";
                    default -> "{uri: {prefix: /}, headers: {x-canary: {exact: 'true'}}}";
                };
                namedRoute(yaml, "vs-" + h + "-r" + r, match, backend);
            }
        }
        return yaml.toString();
    }

    /** Writes {@code yaml} to a temporary file and loads it as the proxy does; fails on rejection. */
    static RoutingTable compile(String yaml) {
        try {
            Path config = Files.createTempFile("routes", ".yaml");
            try {
                Files.writeString(config, yaml);
                LoadResult result = new ConfigLoader(Optional.empty()).load(List.of(config));
                if (!(result instanceof LoadResult.Loaded loaded)) {
                    throw new IllegalStateException("generated config rejected: " + result.findings());
                }
                return loaded.table();
            } finally {
                Files.deleteIfExists(config);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String serviceEntry(String name, String host) {
        return "---\napiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: " + name + "}\nspec:\n"
                + "  hosts: [" + host + "]\n  resolution: STATIC\n  ports: [{number: 80, name: http, protocol: HTTP}]\n"
                + "  endpoints: [{address: 127.0.0.1}]\n";
    }

    private static void virtualServiceHead(StringBuilder yaml, String name, String host) {
        yaml.append("---\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: ").append(name)
                .append("}\nspec:\n  hosts: ['").append(host).append("']\n  gateways: [edge]\n  http:\n");
    }

    private static void route(StringBuilder yaml, String kind, String path) {
        yaml.append("  - match: [{uri: {").append(kind).append(": ").append(path).append("}}]\n")
                .append("    route: [{destination: {host: backend.local}}]\n");
    }

    private static void namedRoute(StringBuilder yaml, String name, String match, String destination) {
        yaml.append("  - name: ").append(name).append("\n    match: [").append(match).append("]\n")
                .append("    route: [{destination: {host: ").append(destination).append("}}]\n");
    }
}
