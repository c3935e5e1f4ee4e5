package io.foresail.config.table;

import io.foresail.config.testing.ConfigFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.foresail.config.testing.ConfigFixture.ECHO_SERVICE;
import static io.foresail.config.testing.ConfigFixture.GATEWAY;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code rewrite}, {@code headers}, {@code redirect} and {@code directResponse} compiled into route actions. */
class RouteActionsTest {

    @TempDir
    Path folder;

    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(folder);
    }

    /** The routes compiled from one HTTPRoute written as {@code route} (YAML at the route's level). */
    private List<Route> routes(String route) {
        String yaml = """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: vs}
                spec:
                  hosts: [a.example.com]
                  gateways: [edge]
                  http:
                  - %s
                """.formatted(route.indent(4).strip());
        RoutingTable table = fixture.table(GATEWAY + ECHO_SERVICE + yaml);
        return table.listener(8081).plaintextHttp().virtualHosts().match("a.example.com").routes();
    }

    private Route route(String route) {
        return routes(route).get(0);
    }

    private static ForwardPolicy policy(Route route) {
        assertThat(route.action()).isInstanceOf(Forward.class);
        return ((Forward) route.action()).policy();
    }

    private static String rewritten(Route route, String path) {
        return policy(route).pathRewrite().orElseThrow().apply(path);
    }

    private static final String TO_ECHO = """
            route:
            - destination: {host: echo.local}
            """;

    @Test
    void rewriteUriOnAPrefixRouteReplacesOnlyThePrefixKeepingIstiosDoubleSlash() {
        Route route = route("match: [{uri: {prefix: /common}}]\nrewrite: {uri: /}\n" + TO_ECHO);

        assertThat(rewritten(route, "/common/api")).as("istio/istio#26828").isEqualTo("//api");
        assertThat(rewritten(route, "/common")).isEqualTo("/");
    }

    @Test
    void rewriteUriOnAnExactRouteReplacesTheWholePath() {
        Route route = route("match: [{uri: {exact: /old}}]\nrewrite: {uri: /new/path}\n" + TO_ECHO);

        assertThat(rewritten(route, "/old")).isEqualTo("/new/path");
    }

    @Test
    void rewriteUriOnARegexRouteReplacesTheWholePath() {
        Route route = route("match: [{uri: {regex: '/v[0-9]+/.*'}}]\nrewrite: {uri: /latest}\n" + TO_ECHO);

        assertThat(rewritten(route, "/v2/items")).isEqualTo("/latest");
    }

    @Test
    void rewriteUriWithoutUriMatchReplacesTheRootPrefix() {
        Route route = route("rewrite: {uri: /base/}\n" + TO_ECHO);

        assertThat(rewritten(route, "/items")).isEqualTo("/base/items");
    }

    @Test
    void eachMatchBlockRewritesItsOwnPrefix() {
        List<Route> routes = routes("match: [{uri: {prefix: /a}}, {uri: {prefix: /bb}}]\nrewrite: {uri: /x}\n" + TO_ECHO);

        assertThat(rewritten(routes.get(0), "/a/1")).isEqualTo("/x/1");
        assertThat(rewritten(routes.get(1), "/bb/1")).isEqualTo("/x/1");
    }

    @Test
    void regexRewriteSubstitutesEveryMatchWithCaptureGroups() {
        Route route = route("rewrite: {uriRegexRewrite: {match: 'v([0-9])', rewrite: 'version\\1'}}\n" + TO_ECHO);

        assertThat(rewritten(route, "/v1/a/v2")).isEqualTo("/version1/a/version2");
    }

    @Test
    void regexRewriteKeepsDollarSignsLiteral() {
        Route route = route("rewrite: {uriRegexRewrite: {match: '^/(.*)$', rewrite: '/$\\1'}}\n" + TO_ECHO);

        assertThat(rewritten(route, "/a")).isEqualTo("/$a");
    }

    @Test
    void rewriteAuthorityIsTheUpstreamAuthority() {
        Route route = route("rewrite: {authority: upstream.example.com}\n" + TO_ECHO);

        assertThat(policy(route).authority()).contains("upstream.example.com");
        assertThat(policy(route).pathRewrite()).isEmpty();
    }

    @Test
    void requestSetOfHostIsAnAuthorityRewriteNotAHeaderOperation() {
        Route route = route("headers: {request: {set: {Host: h.example.com, X-A: b}}}\n" + TO_ECHO);

        assertThat(policy(route).authority()).contains("h.example.com");
        assertThat(route.filters().headers().request().set()).as("names lower-cased, host taken out")
                .containsExactly(new HeaderOperations.Header("x-a", "b"));
    }

    @Test
    void routeHeaderOperationsAreCompiledLowerCase() {
        Route route = route("""
                headers:
                  request: {set: {X-Set: s}, add: {X-Add: a}, remove: [X-Gone]}
                  response: {set: {X-R: r}, remove: [Server]}
                """ + TO_ECHO);

        HeaderRewrites headers = route.filters().headers();
        assertThat(headers.request()).isEqualTo(new HeaderOperations(List.of(new HeaderOperations.Header("x-set", "s")),
                List.of(new HeaderOperations.Header("x-add", "a")), List.of("x-gone")));
        assertThat(headers.response()).isEqualTo(new HeaderOperations(List.of(new HeaderOperations.Header("x-r", "r")),
                List.of(), List.of("server")));
    }

    @Test
    void destinationHeadersStayWithTheirDestination() {
        Route route = route("""
                route:
                - destination: {host: echo.local, subset: v1}
                  weight: 50
                  headers: {request: {set: {x-version: v1, ':authority': v1.example.com}}}
                - destination: {host: echo.local, subset: v2}
                  weight: 50
                """);

        List<WeightedDestination> destinations = ((Forward) route.action()).destinations();
        assertThat(destinations.get(0).headers().request().set()).containsExactly(new HeaderOperations.Header("x-version", "v1"));
        assertThat(destinations.get(0).headers().authority()).contains("v1.example.com");
        assertThat(destinations.get(1).headers()).isEqualTo(HeaderRewrites.NONE);
    }

    @Test
    void redirectDefaultsTo301AndKeepsWhatIsNotWritten() {
        Route route = route("redirect: {authority: b.example.com}");

        assertThat(route.action()).isEqualTo(new RedirectAction(301, Optional.empty(), Optional.of("b.example.com"),
                OptionalInt.empty(), false, Optional.empty()));
    }

    @Test
    void redirectFromRequestPortIsTheGatewayPort() {
        RedirectAction redirect = (RedirectAction) route("redirect: {scheme: https, derivePort: FROM_REQUEST_PORT}").action();

        assertThat(redirect.port()).hasValue(8081);
        assertThat(redirect.portFromRequest()).isTrue();
    }

    @Test
    void redirectUriReplacesTheWholePath() {
        RedirectAction redirect = (RedirectAction) route("match: [{uri: {prefix: /a}}]\nredirect: {uri: /b, redirectCode: 308}")
                .action();

        assertThat(redirect.code()).isEqualTo(308);
        assertThat(redirect.path()).contains(new PathRewrite.ReplacePath("/b"));
    }

    @Test
    void redirectPrefixRewriteReplacesTheMatchedPrefix() {
        RedirectAction redirect = (RedirectAction) route("match: [{uri: {prefix: /old/}}]\nredirect: {prefixRewrite: /new/}")
                .action();

        assertThat(redirect.path()).contains(new PathRewrite.ReplacePrefix("/old/", "/new/"));
    }

    @Test
    void directResponseStringIsItsUtf8Bytes() {
        DirectResponseAction response = (DirectResponseAction) route("directResponse: {status: 418, body: {string: tea ☕}}")
                .action();

        assertThat(response.status()).isEqualTo(418);
        assertThat(response.body()).isEqualTo(java.nio.ByteBuffer.wrap("tea ☕".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void directResponseBytesAreDecodedFromBase64() {
        DirectResponseAction response = (DirectResponseAction) route("directResponse: {status: 200, body: {bytes: AAEC_w}}")
                .action();

        assertThat(response.body()).as("URL-safe, unpadded").isEqualTo(java.nio.ByteBuffer.wrap(new byte[] {0, 1, 2, -1}));
    }

    @Test
    void directResponseKeepsTheRouteResponseHeaders() {
        Route route = route("directResponse: {status: 200}\nheaders: {response: {set: {content-type: application/json}}}");

        assertThat(route.filters().headers().response().set())
                .containsExactly(new HeaderOperations.Header("content-type", "application/json"));
    }
}
