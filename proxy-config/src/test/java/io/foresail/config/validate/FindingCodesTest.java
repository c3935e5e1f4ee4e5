package io.foresail.config.validate;

import io.foresail.config.model.ConfigError;
import io.foresail.config.reload.LoadResult;
import io.foresail.config.testing.ConfigFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.foresail.config.testing.ConfigFixture.ECHO_SERVICE;
import static io.foresail.config.testing.ConfigFixture.GATEWAY;
import static org.assertj.core.api.Assertions.assertThat;

/** Each finding {@code validate} reports, with the code users know it by (docs/operations.md). */
class FindingCodesTest {

    @TempDir
    Path folder;

    @TempDir
    Path secrets;

    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(folder);
    }

    /** {@code SEVERITY CODE line field.path}. */
    private static List<String> findings(LoadResult result) {
        return result.findings().stream().map(FindingCodesTest::describe).toList();
    }

    private static String describe(ConfigError finding) {
        return finding.severity() + " " + finding.code() + " " + finding.position().line() + " " + finding.fieldPath();
    }

    private static String virtualService(String spec) {
        return """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: vs}
                spec:
                %s""".formatted(spec.indent(2));
    }

    private static String gateway(String name, String selector, int port, String hosts) {
        return """
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: %s}
                spec:
                  selector: %s
                  servers:
                  - port: {number: %d, name: http, protocol: HTTP}
                    hosts: %s
                ---
                """.formatted(name, selector, port, hosts);
    }

    @Test
    void schemaErrorIsIst0106() {
        assertThat(findings(fixture.load("""
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: edge}
                spec:
                  servers:
                  - port: {number: 80, name: http, protocol: HTTPX}
                    hosts: [a.example.com]
                """))).containsExactly("ERROR IST0106 6 spec.servers[0].port.protocol");
    }

    @Test
    void yamlSyntaxErrorIsFs0001() {
        assertThat(findings(fixture.load("""
                kind: Gateway
                metadata: {name: [edge
                """))).singleElement().asString().startsWith("ERROR FS0001 ");
    }

    @Test
    void missingGatewayIsIst0101() {
        assertThat(findings(fixture.load(ECHO_SERVICE + virtualService("""
                hosts: [a.example.com]
                gateways: [nowhere]
                http:
                - route:
                  - destination: {host: echo.local}
                """)))).containsExactly("WARNING IST0101 33 spec.gateways[0]");
    }

    @Test
    void missingDestinationHostIsIst0101() {
        assertThat(findings(fixture.load(GATEWAY + virtualService("""
                hosts: [a.example.com]
                gateways: [edge]
                http:
                - route:
                  - destination: {host: missing.local}
                """)))).containsExactly("WARNING IST0101 20 spec.http[0].route[0].destination.host");
    }

    @Test
    void missingSubsetIsIst0101() {
        assertThat(findings(fixture.load(GATEWAY + ECHO_SERVICE + virtualService("""
                hosts: [a.example.com]
                gateways: [edge]
                http:
                - route:
                  - destination: {host: echo.local, subset: v3}
                """)))).containsExactly("WARNING IST0101 47 spec.http[0].route[0].destination.subset");
    }

    @Test
    void destinationWithoutPortOnMultiPortServiceIsIst0112() {
        assertThat(findings(fixture.load(GATEWAY + """
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata: {name: two-ports}
                spec:
                  hosts: [two.local]
                  resolution: DNS
                  ports:
                  - {number: 80, name: http, protocol: HTTP}
                  - {number: 8080, name: http-alt, protocol: HTTP}
                ---
                """ + virtualService("""
                hosts: [a.example.com]
                gateways: [edge]
                http:
                - route:
                  - destination: {host: two.local}
                """)))).containsExactly("WARNING IST0112 30 spec.http[0].route[0].destination");
    }

    @Test
    void hostNotAdmittedByItsGatewayIsIst0132() {
        assertThat(findings(fixture.load(gateway("edge", "{istio: ingress}", 8081, "[a.example.com]") + ECHO_SERVICE
                + virtualService("""
                hosts: [b.example.com]
                gateways: [edge]
                http:
                - route:
                  - destination: {host: echo.local}
                """)))).containsExactly("WARNING IST0132 41 spec.hosts[0]");
    }

    @Test
    void sameHostAndPortOnTwoGatewaysOfOneWorkloadIsIst0145() {
        assertThat(findings(fixture.load(gateway("alpha", "{istio: ingress}", 8081, "[a.example.com]")
                + gateway("beta", "{istio: ingress}", 8081, "[b.example.com, a.example.com]"))))
                .containsExactly("WARNING IST0145 16 spec.servers[0].port");
    }

    @Test
    void gatewaySetsWithIdenticalHostsButDifferentSelectorsDoNotConflict() {
        String sets = gateway("production-public", "{istio: production-public}", 8082, "[shop.example.com]")
                + gateway("staging-public", "{istio: staging-public}", 8082, "[shop.example.com]")
                + gateway("development-public", "{istio: development-public}", 8082, "[shop.example.com]");

        assertThat(findings(fixture.load(sets))).as("without labels: each set is another deployment").isEmpty();
        assertThat(findings(fixture.load(Map.of("istio", "staging-public"), sets)))
                .as("with --labels only the selected Gateway counts").isEmpty();
    }

    @Test
    void gatewaysWithDifferentSelectorsBothSelectedByTheLabelsConflict() {
        String gateways = gateway("public", "{istio: ingress}", 8082, "[shop.example.com]")
                + gateway("edge", "{app: edge}", 8082, "[shop.example.com]");

        assertThat(findings(fixture.load(Map.of("istio", "ingress", "app", "edge"), gateways)))
                .containsExactly("WARNING IST0145 16 spec.servers[0].port");
    }

    @Test
    void sameHostTwiceOnOnePortOfOneGatewayIsKia0301() {
        assertThat(findings(fixture.load("""
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: edge}
                spec:
                  servers:
                  - port: {number: 8081, name: http, protocol: HTTP}
                    hosts: [a.example.com]
                  - port: {number: 8081, name: http-again, protocol: HTTP}
                    hosts: [a.example.com]
                """))).containsExactly("WARNING KIA0301 8 spec.servers[1].port");
    }

    @Test
    void weightsNotSummingToHundredAreANoteThatTheyAreNormalised() {
        assertThat(findings(fixture.load(GATEWAY + ECHO_SERVICE + virtualService("""
                hosts: [a.example.com]
                gateways: [edge]
                http:
                - route:
                  - destination: {host: echo.local, subset: v1}
                    weight: 30
                  - destination: {host: echo.local, subset: v2}
                    weight: 30
                """)))).containsExactly("INFO FS0101 47 spec.http[0].route");
    }

    @Test
    void singleDestinationWeightBelowHundredIsKia1104() {
        assertThat(findings(fixture.load(GATEWAY + ECHO_SERVICE + virtualService("""
                hosts: [a.example.com]
                gateways: [edge]
                http:
                - route:
                  - destination: {host: echo.local}
                    weight: 50
                """)))).containsExactly("INFO KIA1104 48 spec.http[0].route[0].weight");
    }

    @Test
    void ruleAfterCatchAllOfTheSameVirtualServiceIsIst0130() {
        assertThat(findings(fixture.load(GATEWAY + ECHO_SERVICE + virtualService("""
                hosts: [a.example.com]
                gateways: [edge]
                http:
                - match:
                  - uri: {prefix: /}
                  route:
                  - destination: {host: echo.local}
                - match:
                  - uri: {prefix: /api}
                  route:
                  - destination: {host: echo.local}
                """)))).containsExactly("WARNING IST0130 50 spec.http[1]");
    }

    @Test
    void ruleAfterAConditionalRuleIsReachable() {
        assertThat(findings(fixture.load(GATEWAY + ECHO_SERVICE + virtualService("""
                hosts: [a.example.com]
                gateways: [edge]
                http:
                - match:
                  - uri: {prefix: /}
                    method: {exact: GET}
                  route:
                  - destination: {host: echo.local}
                - route:
                  - destination: {host: echo.local}
                """)))).isEmpty();
    }

    @Test
    void duplicateSubsetNamesAreASchemaError() {
        assertThat(findings(fixture.load("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: echo}
                spec:
                  host: echo.local
                  subsets:
                  - {name: v1, labels: {version: v1}}
                  - {name: v1, labels: {version: v2}}
                """))).contains("ERROR IST0106 8 spec.subsets[1].name");
    }

    @Test
    void regexRe2RejectsIsASchemaError() {
        assertThat(findings(fixture.load(GATEWAY + ECHO_SERVICE + virtualService("""
                hosts: [a.example.com]
                gateways: [edge]
                http:
                - match:
                  - uri: {regex: "/(?=lookahead)"}
                  route:
                  - destination: {host: echo.local}
                """)))).containsExactly("ERROR IST0106 47 spec.http[0].match[0].uri.regex");
    }

    @Test
    void credentialNameMissingFromTheSecretsFolderIsIst0101() throws Exception {
        Files.createDirectories(secrets.resolve("other"));

        assertThat(findings(fixture.load(secrets, """
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: edge}
                spec:
                  servers:
                  - port: {number: 443, name: https, protocol: HTTPS}
                    hosts: [a.example.com]
                    tls: {mode: SIMPLE, credentialName: missing}
                """))).containsExactly("ERROR IST0101 8 spec.servers[0].tls.credentialName");
    }

    @Test
    void destinationRuleForAnUnknownHostIsIst0174() {
        assertThat(findings(fixture.load("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: ghost}
                spec:
                  host: ghost.local
                """))).containsExactly("WARNING IST0174 5 spec.host");
    }

    @Test
    void subsetWhoseLabelsSelectNoEndpointIsIst0173() {
        List<ConfigError> findings = fixture.load(ECHO_SERVICE + """
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: echo-v3}
                spec:
                  host: echo.local
                  subsets:
                  - {name: v1, labels: {version: v1}}
                  - {name: v3, labels: {version: v3}}
                """).findings();

        assertThat(findings).as("findings").extracting(FindingCodesTest::describe)
                .containsExactly("WARNING IST0173 35 spec.subsets[1]");
        assertThat(findings.get(0).message()).as("message").startsWith("subset v3 of host echo.local selects no endpoints");
    }

    @Test
    void subsetsOfADnsServiceWithoutListedEndpointsAreNotChecked() {
        assertThat(findings(fixture.load("""
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata: {name: api}
                spec:
                  hosts: [api.example.com]
                  resolution: DNS
                  ports: [{number: 443, name: https, protocol: HTTPS}]
                ---
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: api}
                spec:
                  host: api.example.com
                  subsets:
                  - {name: v3, labels: {version: v3}}
                """))).as("findings").noneMatch(finding -> finding.contains("IST0173"));
    }
}
