package io.foresail.config.table;

import io.foresail.config.reload.LoadResult;
import io.foresail.config.testing.ConfigFixture;
import io.foresail.config.testing.TestRequest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.foresail.config.testing.ConfigFixture.ECHO_SERVICE;
import static io.foresail.config.testing.ConfigFixture.GATEWAY;
import static io.foresail.config.testing.ConfigFixture.routeNames;
import static io.foresail.config.testing.ConfigFixture.warnings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code HTTPMatchRequest} conditions besides {@code uri}, compiled from YAML and evaluated
 * against requests as Istio's gateway Envoy would: {@code method}, {@code scheme},
 * {@code authority}, {@code headers}, {@code withoutHeaders} and {@code queryParams}.
 */
class MatchConditionsTest {

    @TempDir
    Path folder;

    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(folder);
    }

    /** A VirtualService for {@code a.example.com} whose only route, {@code matched}, has {@code match}. */
    private static String virtualService(String match) {
        return """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: vs}
                spec:
                  hosts: [a.example.com]
                  gateways: [edge]
                  http:
                  - name: matched
                    match:
                %s
                    route:
                    - destination: {host: echo.local}
                """.formatted(match.indent(4).stripTrailing());
    }

    private VirtualHost compiled(String match) {
        RoutingTable table = fixture.table(GATEWAY + ECHO_SERVICE + virtualService(match));
        return table.listener(8081).plaintextHttp().virtualHosts().match("a.example.com");
    }

    private static boolean matches(VirtualHost virtualHost, TestRequest request) {
        return virtualHost.route(request) != null;
    }

    private static TestRequest withHeaders(Map<String, String> headers) {
        return new TestRequest("/", headers);
    }

    private static TestRequest withQuery(String query) {
        return new TestRequest("/", Map.of(), query);
    }

    @Test
    void methodExactMatchesThatMethodOnly() {
        VirtualHost host = compiled("- method: {exact: POST}");

        assertThat(matches(host, withHeaders(Map.of(":method", "POST")))).isTrue();
        assertThat(matches(host, withHeaders(Map.of(":method", "GET")))).isFalse();
    }

    @Test
    void methodRegexMustMatchTheWholeMethod() {
        VirtualHost host = compiled("- method: {regex: \"GET|HEAD\"}");

        assertThat(matches(host, withHeaders(Map.of(":method", "HEAD")))).isTrue();
        assertThat(matches(host, withHeaders(Map.of(":method", "HEADX")))).as("full match, not find").isFalse();
    }

    @Test
    void methodMatchIsCaseSensitive() {
        VirtualHost host = compiled("- method: {exact: GET}");

        assertThat(matches(host, withHeaders(Map.of(":method", "GET")))).isTrue();
        assertThat(matches(host, withHeaders(Map.of(":method", "get")))).isFalse();
    }

    @Test
    void schemeMatchesTheSchemePseudoHeader() {
        VirtualHost host = compiled("- scheme: {exact: https}");

        assertThat(matches(host, withHeaders(Map.of(":scheme", "https")))).isTrue();
        assertThat(matches(host, withHeaders(Map.of(":scheme", "http")))).isFalse();
    }

    @Test
    void authorityIsTheRawHostValueIncludingThePort() {
        VirtualHost exact = compiled("- authority: {exact: a.example.com}");

        assertThat(matches(exact, withHeaders(Map.of(":authority", "a.example.com")))).isTrue();
        assertThat(matches(exact, withHeaders(Map.of(":authority", "a.example.com:8081"))))
                .as("only virtual host selection ignores the port").isFalse();
    }

    @Test
    void headerNamesAreMatchedCaseInsensitively() {
        VirtualHost host = compiled("- headers: {X-User: {exact: jason}}");

        assertThat(matches(host, withHeaders(Map.of("x-user", "jason")))).isTrue();
    }

    @Test
    void headerKeyNamedLikeAnotherMatchFieldIsAnOrdinaryHeader() {
        VirtualHost host = compiled("- headers: {method: {exact: x}}");

        assertThat(matches(host, withHeaders(Map.of("method", "x"))))
                .as("Istio's TranslateRouteMatch makes every key a header matcher, whatever the API text says").isTrue();
        assertThat(matches(host, withHeaders(Map.of()))).as("a header 'method' is required").isFalse();
    }

    @Test
    void withoutHeadersExactMatchesWhenTheHeaderIsMissing() {
        VirtualHost host = compiled("- withoutHeaders: {x-env: {exact: test}}");

        assertThat(matches(host, withHeaders(Map.of()))).as("missing header").isTrue();
        assertThat(matches(host, withHeaders(Map.of("x-env", "prod")))).isTrue();
        assertThat(matches(host, withHeaders(Map.of("x-env", "test")))).isFalse();
    }

    @Test
    void withoutHeadersTreatsAMissingHeaderAsEmpty() {
        VirtualHost host = compiled("- withoutHeaders: {x-env: {regex: \"x?\"}}");

        assertThat(matches(host, withHeaders(Map.of())))
                .as("the empty string matches x?, so the inverted condition fails").isFalse();
        assertThat(matches(host, withHeaders(Map.of("x-env", "y")))).isTrue();
    }

    @Test
    void withoutHeadersPresenceFormMeansAbsent() {
        VirtualHost host = compiled("- withoutHeaders: {x-debug: {}}");

        assertThat(matches(host, withHeaders(Map.of()))).isTrue();
        assertThat(matches(host, withHeaders(Map.of("x-debug", "")))).as("present, even empty").isFalse();
    }

    @Test
    void withoutHeadersStarRegexMeansAbsent() {
        VirtualHost host = compiled("- withoutHeaders: {x-debug: {regex: \"*\"}}");

        assertThat(matches(host, withHeaders(Map.of()))).isTrue();
        assertThat(matches(host, withHeaders(Map.of("x-debug", "1")))).isFalse();
    }

    @Test
    void queryParamExactLooksAtTheFirstOccurrenceOnly() {
        VirtualHost host = compiled("- queryParams: {id: {exact: \"2\"}}");

        assertThat(matches(host, withQuery("id=2"))).isTrue();
        assertThat(matches(host, withQuery("a=1&id=2&b"))).isTrue();
        assertThat(matches(host, withQuery("id=1&id=2"))).isFalse();
    }

    @Test
    void queryParamValueRunsFromTheFirstEqualsSignToTheNextAmpersand() {
        VirtualHost host = compiled("- queryParams: {q: {exact: \"a=b\"}}");

        assertThat(matches(host, withQuery("&&q=a=b&r=1"))).isTrue();
    }

    @Test
    void queryParamExactEmptyMatchesKeyWithAndWithoutEquals() {
        VirtualHost host = compiled("- queryParams: {debug: {exact: \"\"}}");

        assertThat(matches(host, withQuery("debug"))).isTrue();
        assertThat(matches(host, withQuery("debug="))).isTrue();
        assertThat(matches(host, withQuery("x=1&debug&y=2"))).isTrue();
        assertThat(matches(host, withQuery("debug=1"))).isFalse();
    }

    @Test
    void queryParamPresenceFormMatchesAnyValue() {
        VirtualHost host = compiled("- queryParams: {debug: {}}");

        assertThat(matches(host, withQuery("debug"))).isTrue();
        assertThat(matches(host, withQuery("debug=yes"))).isTrue();
        assertThat(matches(host, withQuery("debugx=yes"))).isFalse();
    }

    @Test
    void queryParamRegexIsAFullMatch() {
        VirtualHost host = compiled("- queryParams: {id: {regex: \"\\\\d+\"}}");

        assertThat(matches(host, withQuery("id=12"))).isTrue();
        assertThat(matches(host, withQuery("id=12a"))).as("full match, not find").isFalse();
    }

    @Test
    void queryParamPrefixIsAPrefixAsInCurrentIstio() {
        VirtualHost host = compiled("- queryParams: {q: {prefix: ab}}");

        assertThat(matches(host, withQuery("q=abc"))).isTrue();
        assertThat(matches(host, withQuery("q=xab"))).isFalse();
    }

    @Test
    void missingQueryParamNeverMatches() {
        VirtualHost host = compiled("- queryParams: {id: {regex: \".*\"}}");

        assertThat(matches(host, withQuery(null))).as("no query").isFalse();
        assertThat(matches(host, withQuery(""))).as("empty query").isFalse();
        assertThat(matches(host, withQuery("other=1"))).isFalse();
        assertThat(matches(host, withQuery("other=1&id="))).as("present with an empty value").isTrue();
    }

    @Test
    void queryParamNameIsCaseSensitive() {
        VirtualHost host = compiled("- queryParams: {id: {}}");

        assertThat(matches(host, withQuery("id=1"))).isTrue();
        assertThat(matches(host, withQuery("ID=1"))).isFalse();
    }

    @Test
    void queryParamValueIsComparedUndecoded() {
        VirtualHost encoded = compiled("- queryParams: {q: {exact: \"a%20b\"}}");

        assertThat(matches(encoded, withQuery("q=a%20b"))).isTrue();
        assertThat(matches(encoded, withQuery("q=a+b"))).as("+ is not decoded either").isFalse();
    }

    @Test
    void blocksAreOredAndFieldsInsideABlockAnded() {
        VirtualHost host = compiled("""
                - method: {exact: POST}
                  queryParams: {id: {}}
                - uri: {prefix: /health}
                  withoutHeaders: {x-internal: {}}
                """);

        assertThat(matches(host, new TestRequest("/", Map.of(":method", "POST"), "id=1"))).isTrue();
        assertThat(matches(host, new TestRequest("/", Map.of(":method", "POST"), null))).as("query missing").isFalse();
        assertThat(matches(host, new TestRequest("/", Map.of(":method", "GET"), "id=1"))).as("method differs").isFalse();
        assertThat(matches(host, new TestRequest("/health", Map.of(), null))).as("second block").isTrue();
        assertThat(matches(host, new TestRequest("/health", Map.of("x-internal", "1"), null))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "method: {exact: GET}",
            "scheme: {exact: http}",
            "authority: {exact: a.example.com}",
            "headers: {x-a: {}}",
            "withoutHeaders: {x-a: {}}",
            "queryParams: {a: {}}"})
    void prefixSlashWithAnyOtherConditionIsNotCatchAll(String condition) {
        RoutingTable table = fixture.table(GATEWAY + ECHO_SERVICE + """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: vs}
                spec:
                  hosts: [a.example.com]
                  gateways: [edge]
                  http:
                  - name: conditional
                    match: [{uri: {prefix: /}, %s}]
                    route:
                    - destination: {host: echo.local}
                  - name: later
                    route:
                    - destination: {host: echo.local}
                """.formatted(condition));

        assertThat(routeNames(table, 8081, "a.example.com"))
                .as("a catch-all would end the VirtualService's translation and drop 'later'")
                .containsExactly("conditional", "later");
    }

    @Test
    void prefixSlashAloneIsCatchAll() {
        RoutingTable table = fixture.table(GATEWAY + ECHO_SERVICE + """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: vs}
                spec:
                  hosts: [a.example.com]
                  gateways: [edge]
                  http:
                  - name: all
                    match: [{uri: {prefix: /}}]
                    route:
                    - destination: {host: echo.local}
                  - name: unreachable
                    route:
                    - destination: {host: echo.local}
                """);

        assertThat(routeNames(table, 8081, "a.example.com")).containsExactly("all");
    }

    @Test
    void blockWithOnlyQueryConditionsIsNotPathOnly() {
        RequestMatch match = new RequestMatch(new PathMatch.Prefix("/", false), java.util.List.of(),
                java.util.List.of(new QueryParamMatch("a", new StringMatch.Present())));

        assertThat(match.pathOnly()).isFalse();
        assertThat(new RequestMatch(new PathMatch.Prefix("/", false)).pathOnly()).isTrue();
    }

    @Test
    void sourceNamespaceBlockIsStillSkippedWithAWarning() {
        LoadResult result = fixture.load(GATEWAY + ECHO_SERVICE + virtualService("- sourceNamespace: default"));

        assertThat(routeNames(ConfigFixture.loaded(result), 8081, "a.example.com")).isEmpty();
        assertThat(warnings(result)).extracting(w -> w.fieldPath() + ": " + w.message())
                .contains("spec.http[0].match[0].sourceNamespace: matching on sourceNamespace is not supported yet: "
                        + "this match block is skipped");
    }

    @Test
    void jwtClaimInWithoutHeadersSkipsTheBlockWithAWarning() {
        LoadResult result = fixture.load(GATEWAY + ECHO_SERVICE
                + virtualService("- withoutHeaders: {\"@request.auth.claims.group\": {exact: admin}}"));

        assertThat(routeNames(ConfigFixture.loaded(result), 8081, "a.example.com")).isEmpty();
        assertThat(warnings(result)).extracting(w -> w.fieldPath())
                .contains("spec.http[0].match[0].withoutHeaders[\"@request.auth.claims.group\"]");
    }
}
