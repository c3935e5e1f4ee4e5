package io.foresail.config.table;

import io.foresail.config.model.ConfigError;
import io.foresail.config.reload.LoadResult;
import io.foresail.config.testing.ConfigFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.foresail.config.testing.ConfigFixture.GATEWAY;
import static io.foresail.config.testing.ConfigFixture.cluster;
import static io.foresail.config.testing.ConfigFixture.errors;
import static io.foresail.config.testing.ConfigFixture.warnings;
import static org.assertj.core.api.Assertions.assertThat;

/** DestinationRule {@code tls} becomes {@link Cluster#tls()}, with Istio's port-level and subset precedence. */
class UpstreamTlsTest {

    @TempDir
    Path folder;

    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(folder);
    }

    /** api.local on ports 443 and 8443 with subsets v1 and v2, routed to by /p443, /p8443, /v1, /v2; then {@code rule}. */
    private RoutingTable table(String rule) {
        return ConfigFixture.loaded(load(rule));
    }

    private LoadResult load(String rule) {
        return fixture.load(text(rule));
    }

    private static String text(String rule) {
        return GATEWAY + """
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata: {name: api}
                spec:
                  hosts: [api.local]
                  resolution: STATIC
                  ports: [{number: 443, name: https, protocol: HTTPS}, {number: 8443, name: alt, protocol: HTTPS}]
                  endpoints: [{address: 127.0.0.1, labels: {version: v1}}, {address: 127.0.0.2, labels: {version: v2}}]
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: api}
                spec:
                  hosts: ["*"]
                  gateways: [edge]
                  http:
                  - match: [{uri: {prefix: /p8443}}]
                    route: [{destination: {host: api.local, port: {number: 8443}}}]
                  - match: [{uri: {prefix: /v1}}]
                    route: [{destination: {host: api.local, port: {number: 443}, subset: v1}}]
                  - match: [{uri: {prefix: /v2}}]
                    route: [{destination: {host: api.local, port: {number: 8443}, subset: v2}}]
                  - route: [{destination: {host: api.local, port: {number: 443}}}]
                ---
                """ + rule;
    }

    @Test
    void simpleTopLevelTlsOriginatesTlsWithItsSettings() {
        RoutingTable table = table("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: api}
                spec:
                  host: api.local
                  trafficPolicy:
                    tls: {mode: SIMPLE, caCertificates: /ca.pem, sni: api.example.com, subjectAltNames: [api.example.com]}
                """);

        UpstreamTlsSettings tls = cluster(table, "outbound|443||api.local").tls().orElseThrow();
        assertThat(tls.clientCertificate()).isEmpty();
        assertThat(tls.caCertificates()).contains(Path.of("/ca.pem"));
        assertThat(tls.sni()).isEqualTo("api.example.com");
        assertThat(tls.subjectAltNames()).containsExactly("api.example.com");
        assertThat(tls.insecureSkipVerify()).isFalse();
    }

    @Test
    void mutualTlsPresentsTheClientCertificate() {
        RoutingTable table = table("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: api}
                spec:
                  host: api.local
                  trafficPolicy:
                    tls: {mode: MUTUAL, clientCertificate: client.pem, privateKey: /client.key, insecureSkipVerify: true}
                """);

        UpstreamTlsSettings tls = cluster(table, "outbound|443||api.local").tls().orElseThrow();
        assertThat(tls.clientCertificate().orElseThrow().certificateChain()).isEqualTo(folder.resolve("client.pem"));
        assertThat(tls.clientCertificate().orElseThrow().privateKey()).isEqualTo(Path.of("/client.key"));
        assertThat(tls.insecureSkipVerify()).isTrue();
    }

    @Test
    void portLevelSettingsReplaceTheTopLevelTlsForTheirPort() {
        RoutingTable table = table("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: api}
                spec:
                  host: api.local
                  trafficPolicy:
                    tls: {mode: SIMPLE}
                    portLevelSettings:
                    - port: {number: 8443}
                      loadBalancer: {simple: ROUND_ROBIN}
                """);

        assertThat(cluster(table, "outbound|443||api.local").tls()).isPresent();
        assertThat(cluster(table, "outbound|8443||api.local").tls())
                .as("a port-level entry without tls replaces the top-level tls (no inheritance)").isEmpty();
    }

    @Test
    void subsetTlsOverridesAndOtherwiseInheritsTheRulesTls() {
        RoutingTable table = table("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: api}
                spec:
                  host: api.local
                  trafficPolicy:
                    tls: {mode: SIMPLE, sni: top.example.com}
                  subsets:
                  - name: v1
                    labels: {version: v1}
                    trafficPolicy:
                      tls: {mode: DISABLE}
                  - name: v2
                    labels: {version: v2}
                    trafficPolicy:
                      tls: {mode: SIMPLE, sni: subset.example.com}
                      portLevelSettings:
                      - port: {number: 8443}
                        tls: {mode: SIMPLE, sni: subset-port.example.com}
                """);

        assertThat(cluster(table, "outbound|443|v1|api.local").tls()).as("DISABLE in the subset").isEmpty();
        assertThat(cluster(table, "outbound|8443|v2|api.local").tls().map(UpstreamTlsSettings::sni))
                .isEqualTo(Optional.of("subset-port.example.com"));
        assertThat(cluster(table, "outbound|443||api.local").tls().map(UpstreamTlsSettings::sni))
                .isEqualTo(Optional.of("top.example.com"));
    }

    @Test
    void subsetWithoutTlsInheritsThePortLevelTls() {
        RoutingTable table = table("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: api}
                spec:
                  host: api.local
                  trafficPolicy:
                    portLevelSettings:
                    - port: {number: 8443}
                      tls: {mode: SIMPLE, sni: port.example.com}
                  subsets:
                  - name: v2
                    labels: {version: v2}
                    trafficPolicy:
                      loadBalancer: {simple: RANDOM}
                """);

        assertThat(cluster(table, "outbound|8443|v2|api.local").tls().map(UpstreamTlsSettings::sni))
                .isEqualTo(Optional.of("port.example.com"));
    }

    @Test
    void subsetPortLevelEntryWithoutTlsReplacesTheInheritedTls() {
        RoutingTable table = table("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: api}
                spec:
                  host: api.local
                  trafficPolicy:
                    tls: {mode: SIMPLE, sni: top.example.com}
                  subsets:
                  - name: v2
                    labels: {version: v2}
                    trafficPolicy:
                      tls: {mode: SIMPLE, sni: subset.example.com}
                      portLevelSettings:
                      - port: {number: 8443}
                        loadBalancer: {simple: RANDOM}
                """);

        assertThat(cluster(table, "outbound|8443|v2|api.local").tls())
                .as("the subset's port-level entry replaces tls even without one (MergeSubsetTrafficPolicy)").isEmpty();
        assertThat(cluster(table, "outbound|8443||api.local").tls().map(UpstreamTlsSettings::sni))
                .as("the subset entry does not touch the cluster without subset")
                .isEqualTo(Optional.of("top.example.com"));
    }

    @Test
    void caCrlIsCarriedWithTheCaCertificates() {
        LoadResult result = load("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: api}
                spec:
                  host: api.local
                  trafficPolicy:
                    tls: {mode: SIMPLE, caCertificates: /ca.pem, caCrl: revoked.crl}
                """);

        UpstreamTlsSettings tls = cluster(ConfigFixture.loaded(result), "outbound|443||api.local").tls().orElseThrow();
        assertThat(tls.crl()).as("relative to the YAML file's folder").contains(folder.resolve("revoked.crl"));
        assertThat(warnings(result)).as("caCrl is applied, not ignored").extracting(ConfigError::fieldPath)
                .doesNotContain("spec.trafficPolicy.tls.caCrl");
    }

    @Test
    void credentialCrlIsCarriedWithItsCa(@TempDir Path secrets) throws IOException {
        Files.createDirectories(secrets.resolve("upstream"));
        for (String name : new String[] {"cacert", "crl"}) {
            Files.writeString(secrets.resolve("upstream").resolve(name), name);
        }
        LoadResult result = fixture.load(secrets, text("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: api}
                spec:
                  host: api.local
                  trafficPolicy:
                    tls: {mode: SIMPLE, credentialName: upstream}
                """));

        UpstreamTlsSettings tls = cluster(ConfigFixture.loaded(result), "outbound|443||api.local").tls().orElseThrow();
        assertThat(tls.caCertificates()).contains(secrets.resolve("upstream/cacert"));
        assertThat(tls.crl()).contains(secrets.resolve("upstream/crl"));
    }

    @Test
    void credentialNameIsResolvedInTheSecretsDirectory(@TempDir Path secrets) throws IOException {
        Files.createDirectories(secrets.resolve("client"));
        for (String name : new String[] {"tls.crt", "tls.key", "ca.crt"}) {
            Files.writeString(secrets.resolve("client").resolve(name), name);
        }
        LoadResult result = fixture.load(secrets, text("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: api}
                spec:
                  host: api.local
                  trafficPolicy:
                    tls: {mode: MUTUAL, credentialName: client}
                """));

        UpstreamTlsSettings tls = cluster(ConfigFixture.loaded(result), "outbound|443||api.local").tls().orElseThrow();
        assertThat(tls.clientCertificate().orElseThrow().certificateChain()).isEqualTo(secrets.resolve("client/tls.crt"));
        assertThat(tls.caCertificates()).contains(secrets.resolve("client/ca.crt"));
    }

    @Test
    void istioMutualIsAnErrorThatSaysWhy() {
        LoadResult result = load("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: api}
                spec:
                  host: api.local
                  subsets:
                  - name: v1
                    labels: {version: v1}
                    trafficPolicy:
                      tls: {mode: ISTIO_MUTUAL}
                """);

        assertThat(errors(result)).extracting(ConfigError::fieldPath, ConfigError::message)
                .singleElement().satisfies(error -> {
                    assertThat(error.toList().get(0)).isEqualTo("spec.subsets[0].trafficPolicy.tls.mode");
                    assertThat(error.toList().get(1)).asString().startsWith("ISTIO_MUTUAL is not supported").contains("istiod");
                });
    }

    @Test
    void mutualWithoutClientCertificateIsAnError() {
        LoadResult result = load("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: api}
                spec:
                  host: api.local
                  trafficPolicy:
                    tls: {mode: MUTUAL}
                """);

        assertThat(errors(result)).extracting(ConfigError::fieldPath).containsExactly(
                "spec.trafficPolicy.tls.clientCertificate", "spec.trafficPolicy.tls.privateKey");
    }
}
