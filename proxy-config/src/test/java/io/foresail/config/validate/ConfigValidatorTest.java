package io.foresail.config.validate;

import io.foresail.config.model.ConfigError;
import io.foresail.config.reload.LoadResult;
import io.foresail.config.testing.ConfigFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.foresail.config.testing.ConfigFixture.errors;
import static io.foresail.config.testing.ConfigFixture.warnings;
import static org.assertj.core.api.Assertions.assertThat;

class ConfigValidatorTest {

    @TempDir
    Path folder;

    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(folder);
    }

    private List<String> errorsOf(String yaml) {
        LoadResult result = fixture.load(yaml);
        return errors(result).stream().map(e -> e.position().line() + " " + e.fieldPath() + ": " + e.message()).toList();
    }

    @Test
    void gatewayServerRulesAreAllReported() {
        assertThat(errorsOf("""
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: edge}
                spec:
                  servers:
                  - port: {number: 80, name: http, protocol: HTTPX}
                    hosts: ["short", "*foo.com"]
                  - port: {number: 443, name: http, protocol: HTTPS}
                    hosts: [a.example.com]
                  - hosts: [b.example.com]
                """)).containsExactly(
                "6 spec.servers[0].port.protocol: invalid protocol \"HTTPX\", supported protocols are HTTP, HTTP2, GRPC, "
                        + "GRPC-WEB, HTTPS, TLS, MONGO, REDIS, MYSQL, TCP",
                "7 spec.servers[0].hosts[0]: short: short names (non FQDN) are not allowed",
                "7 spec.servers[0].hosts[1]: *foo.com: partial wildcard not allowed (expected: a leading \"*.\" only)",
                "8 spec.servers[1].tls: server must have TLS settings for HTTPS/TLS protocols",
                "8 spec.servers[1].port.name: port names in servers must be unique: duplicate name http",
                "10 spec.servers[2].port: port is required");
    }

    @Test
    void stringMatchRules() {
        assertThat(errorsOf("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: vs}
                spec:
                  hosts: [a.example.com]
                  gateways: [edge]
                  http:
                  - match:
                    - uri: {exact: /a, prefix: /b}
                    - uri: {regex: "(unclosed"}
                    - headers: {x-a: {prefix: ""}}
                    - uri: {prefix: ""}
                    route:
                    - destination: {host: a.example.com}
                """)).containsExactly(
                "9 spec.http[0].match[0].uri: more than one of exact, prefix, regex (expected: at most one)",
                "10 spec.http[0].match[1].uri.regex: invalid regex: missing closing ); Istio uses RE2 style regex-based match",
                "11 spec.http[0].match[2].headers.x-a.prefix: prefix match must not be empty");
    }

    @Test
    void regexLongerThan1024IsRejected() {
        assertThat(errorsOf("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: vs}
                spec:
                  hosts: [a.example.com]
                  gateways: [edge]
                  http:
                  - match: [{uri: {regex: "%s"}}]
                    route:
                    - destination: {host: a.example.com}
                """.formatted("a".repeat(1025)))).singleElement().asString().contains("max length allowed is 1024");
    }

    @Test
    void weightsMustBeNonNegativeAndNotAllZero() {
        assertThat(errorsOf("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: vs}
                spec:
                  hosts: [a.example.com]
                  gateways: [edge]
                  http:
                  - route:
                    - destination: {host: a.example.com}
                    - destination: {host: b.example.com}
                """)).containsExactly("9 spec.http[0].route: total destination weight = 0 (expected: > 0)");
    }

    @Test
    void notAnIstioFieldIsAnErrorButAnUnsupportedIstioFieldIsAWarning() {
        LoadResult result = fixture.load("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: vs}
                spec:
                  hosts: [a.example.com]
                  gateways: [edge]
                  http:
                  - match:
                    - statPrefix: a
                    retries: {attempts: 3, perTryTimout: 1s}
                    route:
                    - destination: {host: a.example.com}
                      wieght: 5
                """);

        assertThat(errors(result)).extracting(e -> e.position().line() + " " + e.fieldPath() + ": " + e.message())
                .containsExactly("10 spec.http[0].retries.perTryTimout: unknown field (not an Istio API field)",
                        "13 spec.http[0].route[0].wieght: unknown field (not an Istio API field)");
        assertThat(warnings(result)).extracting(e -> e.position().line() + " " + e.fieldPath() + ": " + e.message())
                .contains("9 spec.http[0].match[0].statPrefix: not supported yet, ignored");
    }

    @Test
    void serviceEntryEndpointPortsMustNameServicePorts() {
        assertThat(errorsOf("""
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata: {name: se}
                spec:
                  hosts: [a.example.com]
                  resolution: STATIK
                  ports: [{number: 80, name: http, protocol: HTTP}]
                ---
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata: {name: se2}
                spec:
                  hosts: [b.example.com]
                  resolution: STATIC
                  ports: [{number: 80, name: http, protocol: HTTP}]
                  endpoints:
                  - address: not-an-ip
                    ports: {grpc: 9000}
                """)).containsExactly(
                "6 spec.resolution: STATIK (expected: one of NONE, STATIC, DNS, DNS_ROUND_ROBIN, DYNAMIC_DNS)",
                "17 spec.endpoints[0].address: endpoint address \"not-an-ip\" is not a valid IP address",
                "18 spec.endpoints[0].ports.grpc: endpoint port grpc is not defined by the service entry");
    }

    @Test
    void destinationRuleSubsetNamesMustBeUniqueLabels() {
        assertThat(errorsOf("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: dr}
                spec:
                  host: a.example.com
                  subsets:
                  - {name: v1}
                  - {name: v1}
                  - {name: V_2}
                """)).containsExactly(
                "8 spec.subsets[1].name: duplicate subset names: v1",
                "9 spec.subsets[2].name: subset name is invalid: \"V_2\" (expected: a DNS-1123 label)");
    }

    @Test
    void missingGatewayIsAWarningNotAnError() {
        LoadResult result = fixture.load("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: vs}
                spec:
                  hosts: [a.example.com]
                  gateways: [nowhere]
                  http:
                  - route:
                    - destination: {host: a.example.com}
                """);

        assertThat(result).isInstanceOf(LoadResult.Loaded.class);
        assertThat(warnings(result)).extracting(ConfigError::message).contains("gateway \"default/nowhere\" not found");
    }

    @Test
    void sameResourceTwiceIsAnError() {
        String gateway = """
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: edge}
                spec:
                  servers:
                  - port: {number: 80, name: http, protocol: HTTP}
                    hosts: ["*"]
                """;

        assertThat(errorsOf(gateway + "---\n" + gateway)).singleElement().asString()
                .contains("metadata.name: defined twice (first at ");
    }
}
