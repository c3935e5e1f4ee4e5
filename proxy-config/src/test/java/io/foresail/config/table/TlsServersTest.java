package io.foresail.config.table;

import io.foresail.config.model.ConfigError;
import io.foresail.config.reload.LoadResult;
import io.foresail.config.testing.ConfigFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.foresail.config.testing.ConfigFixture.errors;
import static io.foresail.config.testing.ConfigFixture.warnings;
import static org.assertj.core.api.Assertions.assertThat;

/** Gateway HTTPS, TLS, TCP and MONGO servers compiled into TLS chains and TCP forwards, as istiod builds them. */
class TlsServersTest {

    @TempDir
    Path folder;

    private ConfigFixture fixture;

    /** A well-formed SPKI pin (base64 of 32 bytes) and certificate hash pin (hex with colons). */
    private static final String SPKI = "NvqYIYSbgK2vCJpQhObf77vv+bQWtc5ek5RIOwPiC9A=";
    private static final String HASH_WITH_COLONS = "DF:6F:F7:2F:E9:11:65:21:26:8F:6F:2D:D4:96:6F:51:"
            + "DF:47:98:83:FE:70:37:B3:9F:75:91:6A:C3:04:9D:1A";

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(folder);
    }

    /** Services db.local (27017), tls-a.local and tls-b.local (443), web.local (80). */
    private static final String SERVICES = """
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: services}
            spec:
              hosts: [db.local]
              resolution: STATIC
              ports: [{number: 27017, name: mongo, protocol: MONGO}]
              endpoints: [{address: 127.0.0.1}]
            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: tls-a}
            spec:
              hosts: [tls-a.local]
              resolution: STATIC
              ports: [{number: 443, name: tls, protocol: TLS}]
              endpoints: [{address: 127.0.0.1}]
            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: tls-b}
            spec:
              hosts: [tls-b.local]
              resolution: STATIC
              ports: [{number: 443, name: tls, protocol: TLS}]
              endpoints: [{address: 127.0.0.2}]
            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: web}
            spec:
              hosts: [web.local]
              resolution: STATIC
              ports: [{number: 80, name: http, protocol: HTTP}]
              endpoints: [{address: 127.0.0.1}]
            ---
            """;

    private static String gateway(String servers) {
        return """
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: edge, namespace: gw}
                spec:
                  servers:
                """ + servers.indent(2) + "---\n";
    }

    private static final String WEB_VS = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: web}
            spec:
              hosts: [uk.bookinfo.com, eu.bookinfo.com]
              gateways: [gw/edge]
              http:
              - name: web
                route: [{destination: {host: web.local}}]
            ---
            """;

    private static List<String> clusters(TcpForward forward) {
        return forward.forward().destinations().stream().map(d -> d.clusterName() + "=" + d.weight()).toList();
    }

    @Test
    void terminatedHttpsServerIsOneChainWithItsOwnRouteTable() {
        RoutingTable table = fixture.table(gateway("""
                - port: {number: 443, name: https-443, protocol: HTTPS}
                  hosts: [uk.bookinfo.com, "gw/EU.bookinfo.com", "*/uk.bookinfo.com"]
                  tls:
                    mode: SIMPLE
                    serverCertificate: /etc/certs/servercert.pem
                    privateKey: /etc/certs/privatekey.pem
                    minProtocolVersion: TLSV1_3
                    cipherSuites: [ECDHE-RSA-AES128-GCM-SHA256]
                """) + SERVICES + WEB_VS);

        PortListener listener = table.listener(443);
        assertThat(listener.plaintext()).isEmpty();
        TlsChain chain = listener.chainFor("uk.bookinfo.com");
        assertThat(chain.name()).isEqualTo("https.443.https-443.edge.gw");
        assertThat(chain.serverNames()).as("ns/ stripped, lower-cased, deduplicated, sorted")
                .containsExactly("eu.bookinfo.com", "uk.bookinfo.com");
        assertThat(listener.chainFor(null)).as("no SNI: no match-all chain").isNull();
        ServerTlsSettings termination = chain.termination().orElseThrow();
        assertThat(termination.certificate().certificateChain()).isEqualTo(Path.of("/etc/certs/servercert.pem"));
        assertThat(termination.certificate().privateKey()).isEqualTo(Path.of("/etc/certs/privatekey.pem"));
        assertThat(termination.clientValidation()).isEmpty();
        assertThat(termination.minVersion()).isEqualTo(TlsVersion.TLSV1_3);
        assertThat(termination.maxVersion()).isEqualTo(TlsVersion.TLS_AUTO);
        assertThat(termination.cipherSuites()).containsExactly("ECDHE-RSA-AES128-GCM-SHA256");
        HttpRoutes routes = (HttpRoutes) chain.target();
        assertThat(routes.name()).isEqualTo(chain.name());
        assertThat(routes.virtualHosts().match("uk.bookinfo.com").routes()).extracting(Route::name).containsExactly("web");
        assertThat(routes.virtualHosts().match("eu.bookinfo.com")).as("gw/ host: not visible to a VirtualService of default").isNull();
    }

    @Test
    void wildcardServerHostMakesTheChainMatchAll() {
        RoutingTable table = fixture.table(gateway("""
                - port: {number: 443, name: https, protocol: HTTPS}
                  hosts: [a.example.com, "*"]
                  tls: {mode: SIMPLE, serverCertificate: /c.pem, privateKey: /k.pem}
                """) + SERVICES);

        TlsChain chain = table.listener(443).tlsChains().get(0);
        assertThat(chain.matchesAll()).isTrue();
        assertThat(table.listener(443).chainFor(null)).as("a client without SNI reaches the * server").isSameAs(chain);
    }

    @Test
    void mutualModesValidateClientCertificates() {
        RoutingTable table = fixture.table(gateway("""
                - port: {number: 443, name: mutual, protocol: HTTPS}
                  hosts: [m.example.com]
                  tls: {mode: MUTUAL, serverCertificate: /c.pem, privateKey: /k.pem, caCertificates: /ca.pem,
                        caCrl: /ca.crl, subjectAltNames: [client.example.com]}
                - port: {number: 443, name: optional, protocol: HTTPS}
                  hosts: [o.example.com]
                  tls: {mode: OPTIONAL_MUTUAL, serverCertificate: /c.pem, privateKey: /k.pem, caCertificates: /ca.pem}
                """) + SERVICES);

        ClientCertificateValidation mutual = table.listener(443).chainFor("m.example.com").termination()
                .orElseThrow().clientValidation().orElseThrow();
        assertThat(mutual.required()).isTrue();
        assertThat(mutual.caCertificates()).isEqualTo(Path.of("/ca.pem"));
        assertThat(mutual.crl()).contains(Path.of("/ca.crl"));
        assertThat(mutual.subjectAltNames()).containsExactly("client.example.com");
        ClientCertificateValidation optional = table.listener(443).chainFor("o.example.com").termination()
                .orElseThrow().clientValidation().orElseThrow();
        assertThat(optional.required()).as("OPTIONAL_MUTUAL requests, does not require").isFalse();
    }

    @Test
    void certificatePinsOfMutualModesAreCarriedToTheClientValidation() {
        RoutingTable table = fixture.table(gateway("""
                - port: {number: 443, name: mutual, protocol: HTTPS}
                  hosts: [m.example.com]
                  tls:
                    mode: MUTUAL
                    serverCertificate: /c.pem
                    privateKey: /k.pem
                    caCertificates: /ca.pem
                    verifyCertificateSpki: [%s]
                    verifyCertificateHash: ["%s"]
                """.formatted(SPKI, HASH_WITH_COLONS)) + SERVICES);

        ClientCertificateValidation validation = table.listener(443).chainFor("m.example.com").termination()
                .orElseThrow().clientValidation().orElseThrow();
        assertThat(validation.verifyCertificateSpki()).containsExactly(SPKI);
        assertThat(validation.verifyCertificateHash()).containsExactly(HASH_WITH_COLONS);
        assertThat(validation.pinned()).isTrue();
    }

    @Test
    void malformedCertificatePinsAreErrors() {
        LoadResult result = fixture.load(gateway("""
                - port: {number: 443, name: mutual, protocol: HTTPS}
                  hosts: [m.example.com]
                  tls:
                    mode: OPTIONAL_MUTUAL
                    serverCertificate: /c.pem
                    privateKey: /k.pem
                    caCertificates: /ca.pem
                    verifyCertificateSpki: [%s, "bm90IGEgZGlnZXN0", "%%%%"]
                    verifyCertificateHash: [%s, "abcd"]
                """.formatted(SPKI, HASH_WITH_COLONS.replace(":", ""))) + SERVICES);

        assertThat(errors(result)).extracting(ConfigError::fieldPath, ConfigError::message).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("spec.servers[0].tls.verifyCertificateSpki[1]",
                        "\"bm90IGEgZGlnZXN0\" (expected: base64 of a SHA-256 digest, 32 bytes)"),
                org.assertj.core.groups.Tuple.tuple("spec.servers[0].tls.verifyCertificateSpki[2]",
                        "\"%%\" (expected: base64 of a SHA-256 digest, 32 bytes)"),
                org.assertj.core.groups.Tuple.tuple("spec.servers[0].tls.verifyCertificateHash[1]",
                        "\"abcd\" (expected: hex SHA-256 digest, 64 digits, colons allowed)"));
    }

    @Test
    void certificatePinsOnSimpleAreIgnoredWithAWarning() {
        LoadResult result = fixture.load(gateway("""
                - port: {number: 443, name: https, protocol: HTTPS}
                  hosts: [a.example.com]
                  tls: {mode: SIMPLE, serverCertificate: /c.pem, privateKey: /k.pem, verifyCertificateSpki: [%s]}
                """.formatted(SPKI)) + SERVICES);

        assertThat(ConfigFixture.loaded(result).listener(443).chainFor("a.example.com").termination()
                .orElseThrow().clientValidation()).isEmpty();
        assertThat(warnings(result)).extracting(ConfigError::fieldPath, ConfigError::message)
                .anySatisfy(e -> {
                    assertThat(e.toList()).element(0).isEqualTo("spec.servers[0].tls");
                    assertThat(e.toList()).element(1).asString()
                            .startsWith("verifyCertificateSpki and verifyCertificateHash are ignored with SIMPLE TLS");
                });
    }

    @Test
    void relativeCertificatePathsAreResolvedAgainstTheYamlFilesFolder() {
        RoutingTable table = fixture.table(gateway("""
                - port: {number: 443, name: https, protocol: HTTPS}
                  hosts: [a.example.com]
                  tls: {mode: SIMPLE, serverCertificate: certs/server.pem, privateKey: certs/server.key}
                """) + SERVICES);

        assertThat(table.listener(443).chainFor("a.example.com").termination().orElseThrow().certificate().certificateChain())
                .isEqualTo(folder.resolve("certs/server.pem"));
    }

    @Test
    void terminatedTlsServerForwardsByTheFirstTcpRouteMatchingPortAndGateway() {
        RoutingTable table = fixture.table(gateway("""
                - port: {number: 9000, name: tls, protocol: TLS}
                  hosts: ["*"]
                  tls: {mode: SIMPLE, serverCertificate: /c.pem, privateKey: /k.pem}
                """) + SERVICES + """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: db}
                spec:
                  hosts: [db.example.com]
                  gateways: [gw/edge]
                  tcp:
                  - match: [{port: 9001}]
                    route: [{destination: {host: tls-a.local}}]
                  - match: [{gateways: [gw/other]}]
                    route: [{destination: {host: tls-a.local}}]
                  - match: [{port: 9000, gateways: [gw/edge]}]
                    route:
                    - {destination: {host: db.local}, weight: 80}
                    - {destination: {host: tls-b.local}, weight: 20}
                  - route: [{destination: {host: tls-a.local}}]
                ---
                """);

        TlsChain chain = table.listener(9000).chainFor("anything");
        assertThat(chain.name()).isEqualTo("tls.9000.tls.edge.gw");
        assertThat(chain.termination()).isPresent();
        assertThat(clusters((TcpForward) chain.target()))
                .containsExactly("outbound|27017||db.local=80", "outbound|443||tls-b.local=20");
    }

    @Test
    void tlsServerWithoutMatchingTcpRouteIsSkippedWithAWarning() {
        LoadResult result = fixture.load(gateway("""
                - port: {number: 9000, name: tls, protocol: TLS}
                  hosts: ["*"]
                  tls: {mode: SIMPLE, serverCertificate: /c.pem, privateKey: /k.pem}
                """) + SERVICES + """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: db}
                spec:
                  hosts: [db.example.com]
                  gateways: [gw/edge]
                  tcp:
                  - match: [{port: 9001}]
                    route: [{destination: {host: db.local}}]
                ---
                """);

        assertThat(ConfigFixture.loaded(result).listener(9000)).isNull();
        assertThat(warnings(result)).extracting(ConfigError::message)
                .anySatisfy(message -> assertThat(message).contains("TLS server on port 9000", "no VirtualService",
                        "tcp route", "skipped"));
    }

    @Test
    void mongoServerForwardsPlaintextByItsTcpRoute() {
        RoutingTable table = fixture.table(gateway("""
                - port: {number: 2379, name: mongo, protocol: MONGO}
                  hosts: ["*"]
                """) + SERVICES + """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: other}
                spec:
                  hosts: [other.example.com]
                  gateways: [other]
                  tcp:
                  - route: [{destination: {host: tls-a.local}}]
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: db}
                spec:
                  hosts: [db.example.com]
                  gateways: [gw/edge]
                  tcp:
                  - match: [{port: 2379}]
                    route: [{destination: {host: db.local, port: {number: 27017}}}]
                ---
                """);

        PortListener listener = table.listener(2379);
        assertThat(listener.hasTls()).isFalse();
        TcpForward forward = (TcpForward) listener.plaintext().orElseThrow();
        assertThat(forward.name()).isEqualTo("tcp.2379");
        assertThat(clusters(forward)).as("the VirtualService bound to another gateway is not used")
                .containsExactly("outbound|27017||db.local=1");
    }

    @Test
    void tcpServerWithoutTcpRouteIsSkippedWithAWarning() {
        LoadResult result = fixture.load(gateway("""
                - port: {number: 2379, name: mongo, protocol: MONGO}
                  hosts: ["*"]
                - port: {number: 8080, name: http, protocol: HTTP}
                  hosts: ["*"]
                """) + SERVICES);

        assertThat(ConfigFixture.loaded(result).ports()).containsExactly(8080);
        assertThat(warnings(result)).extracting(ConfigError::fieldPath, ConfigError::message)
                .anySatisfy(finding -> assertThat(finding.toList()).containsExactly("spec.servers[0]",
                        "MONGO server on port 2379: no VirtualService bound to Gateway/gw/edge has a tcp route "
                                + "matching it (hosts, match.port, match.gateways): skipped"));
    }

    private static final String PASSTHROUGH_VS = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: passthrough}
            spec:
              hosts: [a.example.com, b.example.com, c.other.com]
              gateways: [gw/edge]
              tls:
              - match: [{sniHosts: [a.example.com, c.other.com], port: 443}]
                route: [{destination: {host: tls-a.local}}]
              - match: [{sniHosts: [b.example.com]}, {sniHosts: [b.example.com], port: 8443}]
                route: [{destination: {host: tls-b.local}}]
            ---
            """;

    @Test
    void passthroughServerGetsOneChainPerMatchingTlsMatchWithTheAdmittedSniHosts() {
        RoutingTable table = fixture.table(gateway("""
                - port: {number: 443, name: tls, protocol: TLS}
                  hosts: ["*.example.com"]
                  tls: {mode: PASSTHROUGH}
                """) + SERVICES + PASSTHROUGH_VS);

        PortListener listener = table.listener(443);
        assertThat(listener.tlsChains()).extracting(TlsChain::serverNames).as("c.other.com is not admitted by *.example.com")
                .containsExactly(List.of("a.example.com"), List.of("b.example.com"));
        TlsChain a = listener.chainFor("a.example.com");
        assertThat(a.termination()).as("passthrough: no termination").isEmpty();
        assertThat(clusters((TcpForward) a.target())).containsExactly("outbound|443||tls-a.local=1");
        assertThat(clusters((TcpForward) listener.chainFor("b.example.com").target()))
                .containsExactly("outbound|443||tls-b.local=1");
        assertThat(listener.chainFor("c.other.com")).isNull();
    }

    @Test
    void anOmittedModeIsPassthroughAndItsCertificatesAreIgnoredWithAWarning() {
        LoadResult result = fixture.load(gateway("""
                - port: {number: 443, name: https, protocol: HTTPS}
                  hosts: ["*.example.com"]
                  tls: {serverCertificate: /c.pem, privateKey: /k.pem}
                """) + SERVICES + PASSTHROUGH_VS);

        TlsChain chain = ConfigFixture.loaded(result).listener(443).chainFor("a.example.com");
        assertThat(chain.termination()).isEmpty();
        assertThat(warnings(result)).extracting(ConfigError::message)
                .contains("PASSTHROUGH mode does not use certificates, they will be ignored");
    }

    @Test
    void repeatedSniNameSkipsTheLaterRuleWithAWarningNamingBoth() {
        LoadResult result = fixture.load(gateway("""
                - port: {number: 443, name: tls, protocol: TLS}
                  hosts: ["*.example.com"]
                  tls: {mode: PASSTHROUGH}
                """) + SERVICES + PASSTHROUGH_VS + """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: later}
                spec:
                  hosts: [b.example.com, d.example.com]
                  gateways: [gw/edge]
                  tls:
                  - match: [{sniHosts: [d.example.com, b.example.com]}]
                    route: [{destination: {host: tls-a.local}}]
                ---
                """);

        PortListener listener = ConfigFixture.loaded(result).listener(443);
        assertThat(clusters((TcpForward) listener.chainFor("b.example.com").target()))
                .containsExactly("outbound|443||tls-b.local=1");
        assertThat(listener.chainFor("d.example.com")).as("the whole later rule is skipped").isNull();
        assertThat(warnings(result)).filteredOn(w -> w.resource().equals("VirtualService/default/later"))
                .extracting(ConfigError::fieldPath, ConfigError::message)
                .anySatisfy(finding -> assertThat(finding.toList()).containsExactly("spec.tls[0].match[0].sniHosts",
                        "duplicate SNI host names [b.example.com] on port 443: this rule is skipped; "
                                + "VirtualService/default/passthrough spec.tls[1].match[0] was loaded first and keeps them"));
    }

    @Test
    void httpsRedirectRequiresTlsOnEveryServerHostEvenWithoutAVirtualService() {
        LoadResult result = fixture.load(gateway("""
                - port: {number: 80, name: http, protocol: HTTP}
                  hosts: [uk.bookinfo.com, "gw/only-redirect.bookinfo.com"]
                  tls: {httpsRedirect: true}
                - port: {number: 80, name: http-plain, protocol: HTTP}
                  hosts: [plain.bookinfo.com]
                """) + SERVICES + WEB_VS + """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: plain}
                spec:
                  hosts: [plain.bookinfo.com]
                  gateways: [gw/edge]
                  http:
                  - route: [{destination: {host: web.local}}]
                ---
                """);

        VirtualHostMatcher virtualHosts = ConfigFixture.loaded(result).listener(80).plaintextHttp().virtualHosts();
        assertThat(virtualHosts.match("uk.bookinfo.com").requireTls()).isTrue();
        assertThat(virtualHosts.match("uk.bookinfo.com").routes()).extracting(Route::name).containsExactly("web");
        assertThat(virtualHosts.match("only-redirect.bookinfo.com").requireTls()).isTrue();
        assertThat(virtualHosts.match("eu.bookinfo.com")).as("not a host of the redirecting server").isNull();
        assertThat(virtualHosts.match("plain.bookinfo.com").requireTls()).isFalse();
        assertThat(result.findings()).extracting(ConfigError::message)
                .noneMatch(message -> message.contains("httpsRedirect"));
    }

    @Test
    void plaintextHttpServerAfterTlsServersSharesTheirPort() {
        RoutingTable table = fixture.table(gateway("""
                - port: {number: 8443, name: https, protocol: HTTPS}
                  hosts: [uk.bookinfo.com]
                  tls: {mode: SIMPLE, serverCertificate: /c.pem, privateKey: /k.pem}
                - port: {number: 8443, name: http, protocol: HTTP}
                  hosts: [eu.bookinfo.com]
                """) + SERVICES + WEB_VS);

        PortListener listener = table.listener(8443);
        assertThat(listener.plaintextHttp().virtualHosts().match("eu.bookinfo.com")).isNotNull();
        assertThat(listener.chainFor("uk.bookinfo.com").name()).isEqualTo("https.8443.https.edge.gw");
    }

    @Test
    void istioMutualAndAutoPassthroughAreErrorsThatSayWhy() {
        LoadResult result = fixture.load(gateway("""
                - port: {number: 443, name: mesh, protocol: HTTPS}
                  hosts: [a.example.com]
                  tls: {mode: ISTIO_MUTUAL}
                - port: {number: 15443, name: auto, protocol: TLS}
                  hosts: ["*.local"]
                  tls: {mode: AUTO_PASSTHROUGH}
                """) + SERVICES);

        assertThat(errors(result)).extracting(ConfigError::fieldPath, ConfigError::message)
                .anySatisfy(e -> assertThat(e.toList()).element(0).isEqualTo("spec.servers[0].tls.mode"))
                .anySatisfy(e -> assertThat(e.toList()).element(1).asString()
                        .startsWith("ISTIO_MUTUAL is not supported").contains("istiod"))
                .anySatisfy(e -> assertThat(e.toList()).containsExactly("spec.servers[1].tls.mode",
                        "AUTO_PASSTHROUGH is not supported: it routes by SNI names that encode mesh clusters "
                                + "(outbound_.<port>_.<subset>_.<host>), which only istiod defines "
                                + "(use PASSTHROUGH with VirtualService tls routes)"));
    }

    @Test
    void httpServerWithTerminatingTlsSettingsIsAnError() {
        LoadResult result = fixture.load(gateway("""
                - port: {number: 80, name: http, protocol: HTTP}
                  hosts: [a.example.com]
                  tls: {mode: SIMPLE, serverCertificate: /c.pem, privateKey: /k.pem}
                """) + SERVICES);

        assertThat(errors(result)).extracting(ConfigError::fieldPath, ConfigError::message)
                .anySatisfy(e -> assertThat(e.toList()).containsExactly("spec.servers[0].tls",
                        "server cannot have TLS settings for plain text HTTP ports"));
    }

    @Test
    void secondCredentialNameIsIgnoredWithAWarning(@TempDir Path secrets) throws Exception {
        java.nio.file.Files.createDirectories(secrets.resolve("rsa"));
        java.nio.file.Files.writeString(secrets.resolve("rsa/tls.crt"), "c");
        java.nio.file.Files.writeString(secrets.resolve("rsa/tls.key"), "k");
        LoadResult result = fixture.load(secrets, gateway("""
                - port: {number: 443, name: https, protocol: HTTPS}
                  hosts: [a.example.com]
                  tls: {mode: SIMPLE, credentialNames: [rsa, ecdsa]}
                """) + SERVICES);

        assertThat(ConfigFixture.loaded(result).listener(443).chainFor("a.example.com").termination()
                .map(t -> t.certificate().certificateChain())).isEqualTo(Optional.of(secrets.resolve("rsa/tls.crt")));
        assertThat(warnings(result)).extracting(ConfigError::fieldPath).contains("spec.servers[0].tls.credentialNames[1]");
    }
}
