package io.foresail.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.config.table.RoutingTable;
import io.foresail.core.runtime.ConfigOrigin;
import io.foresail.core.runtime.ProxySnapshot;
import io.foresail.core.testing.YamlSnapshots;
import io.foresail.tls.context.TlsContexts;
import java.time.Instant;
import java.util.List;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigDumpTest {

    @TempDir
    Path folder;

    @Test
    void routesShowEveryKindOfConditionOfTheirMatchBlocks() {
        String dump = ConfigDump.of(YamlSnapshots.load(folder, Optional.empty(), """
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: edge}
                spec:
                  servers:
                  - port: {number: 8081, name: http, protocol: HTTP}
                    hosts: ["*"]
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: site}
                spec:
                  hosts: [a.example.com]
                  gateways: [edge]
                  http:
                  - name: api
                    match: [{uri: {prefix: /api}, method: {exact: POST}, withoutHeaders: {x-debug: {}}, queryParams: {v: {exact: "2"}}}]
                    route: [{destination: {host: backend.local}}]
                """).current());

        assertThat(dump).as("config dump of a route with uri, method, withoutHeaders and queryParams conditions")
                .contains("\"uri\":\"Prefix[value=/api, ignoreCase=false]\"")
                .contains("\":method\":")
                .contains("\"x-debug\":")
                .contains("\"query_parameters\":{\"v\":");
    }

    @Test
    void dumpStartsWithTheSnapshotsVersionContentHashLoadTimeAndSourceFiles() {
        RoutingTable table = YamlSnapshots.table(folder, Optional.empty(), """
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: edge}
                spec:
                  servers:
                  - port: {number: 8081, name: http, protocol: HTTP}
                    hosts: ["*"]
                """);
        ProxySnapshot snapshot = new ProxySnapshot(table, TlsContexts.NONE, 7, new ConfigOrigin(
                Instant.parse("2026-11-22T03:04:05Z"), List.of("/etc/foresail/a.yaml", "/etc/foresail/b.yaml")));

        assertThat(ConfigDump.of(snapshot)).as("config dump head").startsWith("{\"version\":7,\"content_hash\":\""
                + table.contentHash() + "\",\"loaded_at\":\"2026-11-22T03:04:05Z\","
                + "\"sources\":[\"/etc/foresail/a.yaml\",\"/etc/foresail/b.yaml\"],\"listeners\":");
    }
}
