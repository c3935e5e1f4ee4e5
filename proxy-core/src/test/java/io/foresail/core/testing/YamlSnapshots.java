package io.foresail.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.config.reload.ConfigLoader;
import io.foresail.config.reload.LoadResult;
import io.foresail.config.table.RoutingTable;
import io.foresail.core.runtime.ProxySnapshot;
import io.foresail.core.runtime.SnapshotHolder;
import io.foresail.tls.context.TlsProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads Istio YAML written inline in a test through the real loader (parse, validate, compile)
 * and wraps the accepted table in a {@link SnapshotHolder}, so real-socket tests exercise the
 * same path as the CLI.
 */
public final class YamlSnapshots {

    private YamlSnapshots() {
    }

    /** Loads {@code yaml} as the proxy with {@code labels} (empty: every Gateway applies); fails the test on rejection. */
    public static SnapshotHolder load(Path folder, Optional<Map<String, String>> labels, String yaml) {
        return new SnapshotHolder(new ProxySnapshot(table(folder, labels, yaml), 1));
    }

    /** Loads {@code yaml} as {@link #load} does, and builds its TLS contexts with the real loader and {@code provider}. */
    public static SnapshotHolder loadWithTls(Path folder, Optional<Map<String, String>> labels, String yaml,
                                             TlsProvider provider) {
        return LoadedTlsContexts.holder(table(folder, labels, yaml), provider);
    }

    /** The table {@code yaml} compiles to (written to {@code folder/config.yaml}); fails the test on rejection. */
    public static RoutingTable table(Path folder, Optional<Map<String, String>> labels, String yaml) {
        Path file = folder.resolve("config.yaml");
        try {
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LoadResult result = new ConfigLoader(labels).load(List.of(file));
        assertThat(result).as("load result of the test config; findings: %s", result.findings())
                .isInstanceOf(LoadResult.Loaded.class);
        return ((LoadResult.Loaded) result).table();
    }

    /** A STATIC ServiceEntry {@code host} (port 80, name {@code http}) with one endpoint per upstream, labelled {@code version: v<i+1>}. */
    public static String staticService(String host, StubUpstream... upstreams) {
        StringBuilder endpoints = new StringBuilder();
        for (int i = 0; i < upstreams.length; i++) {
            endpoints.append("  - {address: 127.0.0.1, ports: {http: %d}, labels: {version: v%d}}\n"
                    .formatted(upstreams[i].port(), i + 1));
        }
        return """
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata: {name: %s}
                spec:
                  hosts: [%s]
                  resolution: STATIC
                  ports: [{number: 80, name: http, protocol: HTTP}]
                  endpoints:
                %s---
                """.formatted(host.replace('.', '-'), host, endpoints);
    }
}
