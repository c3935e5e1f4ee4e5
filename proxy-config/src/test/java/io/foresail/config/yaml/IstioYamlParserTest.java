package io.foresail.config.yaml;

import io.foresail.config.model.ConfigError;
import io.foresail.config.model.Gateway;
import io.foresail.config.model.StringMatch;
import io.foresail.config.model.VirtualService;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IstioYamlParserTest {

    private static ParsedFile parse(String yaml) {
        return new IstioYamlParser().parse(new YamlFile("f.yaml", yaml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everyFieldReadKeepsItsPosition() {
        ParsedFile parsed = parse("""
                # leading comment
                apiVersion: networking.istio.io/v1beta1
                kind: Gateway
                metadata:
                  name: edge
                  namespace: web
                spec:
                  servers:
                  - port:
                      number: 8081
                      name: http
                      protocol: HTTP
                    hosts: ["*"]
                """);

        Gateway gateway = (Gateway) parsed.resources().get(0);
        assertThat(gateway.meta().id()).isEqualTo("Gateway/web/edge");
        assertThat(gateway.positions().of("spec.servers[0].port.number").toString()).isEqualTo("f.yaml:10:15");
        assertThat(gateway.positions().of("spec.servers[0].tls.mode").toString())
                .as("an absent field falls back to its nearest written ancestor").isEqualTo("f.yaml:9:5");
        assertThat(gateway.meta().position().line()).isEqualTo(2);
    }

    @Test
    void headerNamesThatAreNotPlainWordsAreQuotedInFieldPaths() {
        ParsedFile parsed = parse("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: vs}
                spec:
                  hosts: [a.example.com]
                  http:
                  - match:
                    - headers:
                        "@request.auth.claims.group": {exact: admin}
                        x-b: {}
                    route:
                    - destination: {host: a.example.com}
                """);

        VirtualService vs = (VirtualService) parsed.resources().get(0);
        assertThat(vs.http().get(0).match().get(0).headers())
                .containsEntry("x-b", new StringMatch.Unset())
                .containsEntry("@request.auth.claims.group", new StringMatch.Exact("admin"));
        assertThat(vs.positions().byPath()).containsKey("spec.http[0].match[0].headers[\"@request.auth.claims.group\"]");
    }

    @Test
    void wrongTypesAndDuplicateKeysAreErrors() {
        ParsedFile parsed = parse("""
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata: {name: se}
                spec:
                  hosts: a.example.com
                  ports:
                  - number: eighty
                    name: http
                    name: web
                """);

        assertThat(parsed.findings()).extracting(ConfigError::fieldPath, ConfigError::message).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("spec.ports[0].name", "duplicate key"),
                org.assertj.core.groups.Tuple.tuple("spec.hosts", "expected a list"),
                org.assertj.core.groups.Tuple.tuple("spec.ports[0].number", "eighty (expected: a non-negative integer)"));
    }
}
