package io.foresail.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.core.testing.YamlSnapshots;
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
}
