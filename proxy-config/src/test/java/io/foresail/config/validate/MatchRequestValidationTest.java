package io.foresail.config.validate;

import io.foresail.config.testing.ConfigFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.foresail.config.testing.ConfigFixture.errors;
import static org.assertj.core.api.Assertions.assertThat;

/** Validation of the {@code HTTPMatchRequest} conditions, with Istio's rules and field paths. */
class MatchRequestValidationTest {

    @TempDir
    Path folder;

    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(folder);
    }

    private List<String> errorsOf(String matches) {
        String yaml = """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: vs}
                spec:
                  hosts: [a.example.com]
                  gateways: [edge]
                  http:
                  - match:
                %s
                    route:
                    - destination: {host: a.example.com}
                """.formatted(matches.indent(4).stripTrailing());
        return errors(fixture.load(yaml)).stream().map(e -> e.fieldPath() + ": " + e.message()).toList();
    }

    @Test
    void badRegexIsReportedAtItsFieldPathInEveryCondition() {
        String invalid = ": invalid regex: missing closing ); Istio uses RE2 style regex-based match";

        assertThat(errorsOf("""
                - scheme: {regex: "(a"}
                - method: {regex: "(a"}
                - authority: {regex: "(a"}
                - withoutHeaders: {x-a: {regex: "(a"}}
                - queryParams: {id: {regex: "(a"}}
                """)).containsExactly(
                "spec.http[0].match[0].scheme.regex" + invalid,
                "spec.http[0].match[1].method.regex" + invalid,
                "spec.http[0].match[2].authority.regex" + invalid,
                "spec.http[0].match[3].withoutHeaders.x-a.regex" + invalid,
                "spec.http[0].match[4].queryParams.id.regex" + invalid);
    }

    @Test
    void emptyPrefixIsInvalidExceptForUri() {
        assertThat(errorsOf("""
                - uri: {prefix: ""}
                - method: {prefix: ""}
                - withoutHeaders: {x-a: {prefix: ""}}
                - queryParams: {id: {prefix: ""}}
                """)).containsExactly(
                "spec.http[0].match[1].method.prefix: prefix match must not be empty",
                "spec.http[0].match[2].withoutHeaders.x-a.prefix: prefix match must not be empty",
                "spec.http[0].match[3].queryParams.id.prefix: prefix match must not be empty");
    }

    @Test
    void starRegexIsAcceptedOnlyInWithoutHeaders() {
        assertThat(errorsOf("""
                - withoutHeaders: {x-a: {regex: "*"}}
                - headers: {x-a: {regex: "*"}}
                """)).as("Istio exempts withoutHeaders' \"*\" (meaning absent) from the RE2 check")
                .singleElement().asString().startsWith("spec.http[0].match[1].headers.x-a.regex: invalid regex");
    }

    @Test
    void emptyQueryParameterNameIsAnError() {
        assertThat(errorsOf("- queryParams: {\"\": {exact: a}}"))
                .containsExactly("spec.http[0].match[0].queryParams: query parameter name cannot be empty");
    }
}
