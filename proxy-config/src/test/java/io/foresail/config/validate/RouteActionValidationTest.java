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

/** Validation of {@code rewrite}, {@code headers}, {@code redirect} and {@code directResponse}, with Istio's messages. */
class RouteActionValidationTest {

    @TempDir
    Path folder;

    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(folder);
    }

    /** A VirtualService whose only route has {@code fields} (YAML written at the route's level). */
    private LoadResult load(String fields) {
        String yaml = """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: vs}
                spec:
                  hosts: [a.example.com]
                  gateways: [edge]
                  http:
                  - match:
                    - uri: {prefix: /a}
                %s
                """.formatted(fields.indent(4).stripTrailing());
        return fixture.load(ConfigFixture.GATEWAY + ConfigFixture.ECHO_SERVICE + yaml);
    }

    private static List<String> described(List<ConfigError> findings) {
        return findings.stream().map(e -> e.fieldPath() + ": " + e.message()).toList();
    }

    private List<String> errorsOf(String fields) {
        return described(errors(load(fields)));
    }

    private List<String> warningsOf(String fields) {
        return described(warnings(load(fields)));
    }

    private static final String ROUTE = """
            route:
            - destination: {host: echo.local}
            """;

    @Test
    void redirectWithoutTargetIsRejected() {
        assertThat(errorsOf("redirect: {redirectCode: 302}"))
                .containsExactly("spec.http[0].redirect: redirect must specify URI, authority, scheme, or port");
    }

    @Test
    void redirectCodeOutside3xxIsRejected() {
        assertThat(errorsOf("redirect: {uri: /b, redirectCode: 200}"))
                .containsExactly("spec.http[0].redirect.redirectCode: 200 is not a valid redirect code, must be 3xx");
    }

    @Test
    void unsupportedRedirectCodeIsAWarningAndTheRouteIsSkipped() {
        LoadResult result = load("redirect: {uri: /b, redirectCode: 300}");

        assertThat(errors(result)).isEmpty();
        assertThat(described(warnings(result))).contains(
                "spec.http[0].redirect.redirectCode: Redirect Code 300 is not yet supported: this route is skipped");
        assertThat(ConfigFixture.routeNames(ConfigFixture.loaded(result), 8081, "a.example.com")).as("routes").isEmpty();
    }

    @Test
    void redirectSchemeMustBeHttpOrHttps() {
        assertThat(errorsOf("redirect: {scheme: ftp}"))
                .containsExactly("spec.http[0].redirect.scheme: invalid redirect scheme, must be \"http\" or \"https\"");
    }

    @Test
    void redirectPortAndDerivePortAreOneOf() {
        assertThat(errorsOf("redirect: {port: 8443, derivePort: FROM_REQUEST_PORT}"))
                .containsExactly("spec.http[0].redirect: more than one of port, derivePort (expected: at most one)");
    }

    @Test
    void derivePortMustBeAKnownName() {
        assertThat(errorsOf("redirect: {derivePort: FROM_NOWHERE}")).contains(
                "spec.http[0].redirect.derivePort: FROM_NOWHERE (expected: FROM_PROTOCOL_DEFAULT or FROM_REQUEST_PORT)");
    }

    @Test
    void redirectUriAndPrefixRewriteAreExclusive() {
        assertThat(errorsOf("redirect: {uri: /b, prefixRewrite: /c}"))
                .containsExactly("spec.http[0].redirect: redirect may only contain one of URI or prefixRewrite");
    }

    @Test
    void prefixRewriteNeedsPrefixMatches() {
        String yaml = """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: vs}
                spec:
                  hosts: [a.example.com]
                  http:
                  - match:
                    - uri: {prefix: /a}
                    - uri: {exact: /b}
                    redirect: {prefixRewrite: /c}
                """;
        assertThat(described(errors(fixture.load(yaml)))).containsExactly("spec.http[0].redirect.prefixRewrite: "
                + "prefixRewrite requires uri prefix matches; match[1].uri is not a prefix");
    }

    @Test
    void directResponseStatusMustBeIn200To599() {
        assertThat(errorsOf("directResponse: {status: 199}"))
                .containsExactly("spec.http[0].directResponse.status: HTTP status 199 is not in range 200-599");
        assertThat(errorsOf("directResponse: {status: 600}"))
                .containsExactly("spec.http[0].directResponse.status: HTTP status 600 is not in range 200-599");
    }

    @Test
    void directResponseBodyOver100KibIsWarned() {
        assertThat(warningsOf("directResponse: {status: 200, body: {string: " + "x".repeat(100 * 1024 + 1) + "}}"))
                .containsExactly("spec.http[0].directResponse.body: large direct_responses may impact control plane performance");
    }

    @Test
    void directResponseBodyOver1MibIsRejected() {
        assertThat(errorsOf("directResponse: {status: 200, body: {string: " + "x".repeat(1024 * 1024 + 1) + "}}"))
                .containsExactly("spec.http[0].directResponse.body: "
                        + "large direct_responses may impact control plane performance, must be less than 1MB");
    }

    @Test
    void directResponseBytesMustBeBase64() {
        assertThat(errorsOf("directResponse: {status: 200, body: {bytes: 'not base64!'}}")).containsExactly(
                "spec.http[0].directResponse.body.bytes: invalid base64 (expected: bytes in standard or URL-safe base64)");
    }

    @Test
    void directResponseBodyIsStringOrBytes() {
        assertThat(errorsOf("directResponse: {status: 200, body: {string: a, bytes: YQ==}}"))
                .containsExactly("spec.http[0].directResponse.body: more than one of string, bytes (expected: at most one)");
    }

    @Test
    void rewriteAndDirectResponseConflict() {
        assertThat(errorsOf("directResponse: {status: 200}\nrewrite: {uri: /b}"))
                .containsExactly("spec.http[0]: HTTP route rule cannot contain both rewrite and direct_response");
    }

    @Test
    void rewriteNeedsAUriARegexOrAnAuthority() {
        assertThat(errorsOf(ROUTE + "rewrite: {}")).containsExactly("spec.http[0].rewrite: rewrite must specify at least "
                + "one of URI, UriRegexRewrite, or authority. Only one of URI or UriRegexRewrite may be specified");
    }

    @Test
    void rewriteUriAndRegexRewriteAreExclusive() {
        assertThat(errorsOf(ROUTE + "rewrite: {uri: /b, uriRegexRewrite: {match: a, rewrite: b}}"))
                .containsExactly("spec.http[0].rewrite: rewrite may only contain one of URI or UriRegexRewrite");
    }

    @Test
    void regexRewriteNeedsMatchAndRewrite() {
        assertThat(errorsOf(ROUTE + "rewrite: {uriRegexRewrite: {match: a}}")).containsExactly(
                "spec.http[0].rewrite.uriRegexRewrite: UriRegexRewrite requires both Rewrite and Match fields to be specified");
    }

    @Test
    void regexRewriteMatchMustBeRe2() {
        assertThat(errorsOf(ROUTE + "rewrite: {uriRegexRewrite: {match: '(a', rewrite: b}}")).containsExactly(
                "spec.http[0].rewrite.uriRegexRewrite.match: UriRegexRewrite contains an invalid regex: "
                        + "invalid regex: missing closing ); Istio uses RE2 style regex-based match");
    }

    @Test
    void authorityCannotBeSetTwice() {
        assertThat(errorsOf(ROUTE + """
                rewrite: {authority: b.example.com}
                headers: {request: {set: {host: c.example.com}}}
                """)).containsExactly("spec.http[0].headers.request.set.host: authority header cannot be set multiple "
                + "times: have \"b.example.com\", attempting to set \"c.example.com\"");
    }

    @Test
    void pseudoHeadersOtherThanAuthorityAreRejected() {
        assertThat(errorsOf(ROUTE + "headers: {request: {set: {':path': /x}}}")).containsExactly(
                "spec.http[0].headers.request.set.:path: invalid header \":path\": header cannot have \":\" prefix");
    }

    @Test
    void responseOperationsCannotSetHost() {
        assertThat(errorsOf(ROUTE + "headers: {response: {set: {Host: x}}}"))
                .containsExactly("spec.http[0].headers.response.set.Host: cannot set Host header");
    }

    @Test
    void invalidHeaderNamesAreRejected() {
        assertThat(errorsOf(ROUTE + "headers: {request: {add: {'a b': x}}}"))
                .containsExactly("spec.http[0].headers.request.add.a b: header name a b is not a valid header name");
    }

    @Test
    void controlCharactersInValuesAreRejected() {
        assertThat(errorsOf(ROUTE + "headers: {response: {set: {x-a: \"a\\nb\"}}}"))
                .containsExactly("spec.http[0].headers.response.set.x-a: header value configuration a?b is invalid");
    }

    @Test
    void envoyCommandOperatorsAreWarnedAsSentVerbatim() {
        assertThat(warningsOf(ROUTE + "headers: {request: {set: {x-client: '%DOWNSTREAM_REMOTE_ADDRESS%'}}}"))
                .containsExactly("spec.http[0].headers.request.set.x-client: "
                        + "Envoy command operators (%...%) are not supported: the value is sent as written");
    }

    @Test
    void destinationHeadersAreCheckedAtTheirPath() {
        assertThat(errorsOf("""
                route:
                - destination: {host: echo.local}
                  headers: {response: {remove: [host]}}
                """)).containsExactly("spec.http[0].route[0].headers.response.remove[0]: cannot set Host header");
    }

    @Test
    void supportedActionsNoLongerWarnAsUnsupported() {
        assertThat(warningsOf(ROUTE + """
                rewrite: {uri: /b}
                headers: {request: {set: {x-a: b}}}
                """)).isEmpty();
    }
}
