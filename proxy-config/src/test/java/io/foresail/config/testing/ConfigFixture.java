package io.foresail.config.testing;

import io.foresail.config.model.ConfigError;
import io.foresail.config.reload.ConfigLoader;
import io.foresail.config.reload.LoadResult;
import io.foresail.config.table.Cluster;
import io.foresail.config.table.Route;
import io.foresail.config.table.RoutingTable;
import io.foresail.config.table.VirtualHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Writes inline YAML to files in a temporary folder and loads them through {@link ConfigLoader}. */
public final class ConfigFixture {

    private final Path folder;

    public ConfigFixture(Path folder) {
        this.folder = folder;
    }

    public Path write(String name, String yaml) {
        try {
            Path file = folder.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public LoadResult load(String yaml) {
        return new ConfigLoader(Optional.empty()).load(List.of(write("config.yaml", yaml)));
    }

    /** Loads {@code yaml} as a proxy started with {@code --secrets-dir secretsDirectory}. */
    public LoadResult load(Path secretsDirectory, String yaml) {
        return new ConfigLoader(Optional.empty(), Optional.of(secretsDirectory)).load(List.of(write("config.yaml", yaml)));
    }

    public LoadResult load(Map<String, String> labels, String yaml) {
        return new ConfigLoader(Optional.of(labels)).load(List.of(write("config.yaml", yaml)));
    }

    /** Loads {@code yaml}, asserts it was accepted, and returns the table. */
    public RoutingTable table(String yaml) {
        return loaded(load(yaml));
    }

    public static RoutingTable loaded(LoadResult result) {
        assertThat(result).as("load result; findings: %s", result.findings()).isInstanceOf(LoadResult.Loaded.class);
        return ((LoadResult.Loaded) result).table();
    }

    public static List<ConfigError> errors(LoadResult result) {
        return result.findings().stream().filter(ConfigError::isError).toList();
    }

    public static List<ConfigError> warnings(LoadResult result) {
        return result.findings().stream().filter(finding -> !finding.isError()).toList();
    }

    public static List<String> routeNames(RoutingTable table, int port, String host) {
        VirtualHost virtualHost = table.listener(port).plaintextHttp().virtualHosts().match(host);
        assertThat(virtualHost).as("virtual host for %s on port %d", host, port).isNotNull();
        return virtualHost.routes().stream().map(Route::name).toList();
    }

    public static Cluster cluster(RoutingTable table, String name) {
        Cluster cluster = table.clusters().get(name);
        assertThat(cluster).as("cluster %s among %s", name, table.clusters().keySet()).isNotNull();
        return cluster;
    }

    /** Header common to most fixtures: a Gateway {@code edge} on port 8081 for every host. */
    public static final String GATEWAY = """
            apiVersion: networking.istio.io/v1
            kind: Gateway
            metadata:
              name: edge
            spec:
              selector:
                istio: ingressgateway
              servers:
              - port: {number: 8081, name: http, protocol: HTTP}
                hosts: ["*"]
            ---
            """;

    /** A STATIC ServiceEntry {@code echo.local} port 80 with endpoints v1 (9001) and v2 (9002), and subsets v1, v2. */
    public static final String ECHO_SERVICE = """
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata:
              name: echo
            spec:
              hosts: [echo.local]
              resolution: STATIC
              ports:
              - {number: 80, name: http, protocol: HTTP}
              endpoints:
              - address: 127.0.0.1
                ports: {http: 9001}
                labels: {version: v1}
              - address: 127.0.0.1
                ports: {http: 9002}
                labels: {version: v2}
            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata:
              name: echo
            spec:
              host: echo.local
              subsets:
              - {name: v1, labels: {version: v1}}
              - {name: v2, labels: {version: v2}}
            ---
            """;
}
