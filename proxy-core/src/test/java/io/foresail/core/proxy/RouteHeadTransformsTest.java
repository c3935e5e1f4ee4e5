package io.foresail.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.core.router.RequestHeadView;
import io.foresail.core.router.RequestTargets;
import io.foresail.core.router.RouteDecision;
import io.foresail.core.router.Router;
import io.foresail.core.testing.YamlSnapshots;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.foresail.config.table.HttpRoutes;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Path and authority rewrites and header operations of forwarding routes, applied to request and response heads. */
class RouteHeadTransformsTest {

    @TempDir
    Path folder;

    private HttpRoutes routes;
    private final Router router = new Router(bound -> 0);

    @BeforeEach
    void compile() {
        routes = YamlSnapshots.table(folder, Optional.empty(), """
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: edge}
                spec:
                  servers:
                  - port: {number: 8083, name: http, protocol: HTTP}
                    hosts: ["*"]
                ---
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata: {name: echo}
                spec:
                  hosts: [echo.local]
                  resolution: STATIC
                  ports: [{number: 80, name: http, protocol: HTTP}]
                  endpoints: [{address: 127.0.0.1, ports: {http: 9001}}]
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: actions}
                spec:
                  hosts: [web.example.com]
                  gateways: [edge]
                  http:
                  - match: [{uri: {prefix: /common}}]
                    rewrite: {uri: /, authority: rewritten.example.com}
                    headers:
                      request: {set: {x-who: route}, add: {x-list: route}, remove: [x-secret]}
                      response: {set: {x-who: route}, remove: [x-internal]}
                    route:
                    - destination: {host: echo.local}
                      headers:
                        request: {set: {x-who: destination, ':authority': ignored.example.com}, add: {x-list: destination}}
                        response: {set: {x-who: destination, x-destination: "yes"}}
                  - match: [{uri: {prefix: /gone}}]
                    rewrite: {uriRegexRewrite: {match: '^/gone(.*)$', rewrite: '\\1'}}
                    route: [{destination: {host: echo.local}}]
                  - match: [{uri: {prefix: /plain}}]
                    route:
                    - destination: {host: echo.local}
                      headers: {request: {set: {host: destination.example.com}}}
                """).listener(8083).plaintextHttp();
    }

    private RouteDecision.Forward forward(String target) {
        return (RouteDecision.Forward) router.route(routes, new RequestHeadView(HttpMethod.GET, "web.example.com", target,
                RequestTargets.path(target), new DefaultHttpHeaders()));
    }

    private static HttpRequest request(String target) {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, target);
        request.headers().set("host", "web.example.com").set("x-secret", "s").add("x-list", "client");
        return request;
    }

    @Test
    void prefixRewriteKeepsTheQueryAndIstiosDoubleSlash() {
        assertThat(RouteHeadTransforms.upstreamTarget(forward("/common/api?q=1"), "/common/api?q=1", "/common/api"))
                .isEqualTo("//api?q=1");
    }

    @Test
    void rewriteLeavingNoPathSendsTheRoot() {
        assertThat(RouteHeadTransforms.upstreamTarget(forward("/gone?q=1"), "/gone?q=1", "/gone")).isEqualTo("/?q=1");
    }

    @Test
    void routeWithoutRewriteKeepsTheTarget() {
        String target = "/plain/x?q=1";

        assertThat(RouteHeadTransforms.upstreamTarget(forward(target), target, "/plain/x")).isSameAs(target);
    }

    @Test
    void rewrittenPathSendsTheOriginalInXEnvoyOriginalPath() {
        HttpRequest request = request("//api?q=1");

        RouteHeadTransforms.applyToRequest(request, forward("/common/api?q=1"), "/common/api?q=1");

        assertThat(request.headers().get("x-envoy-original-path")).isEqualTo("/common/api?q=1");
    }

    @Test
    void routeAuthorityWinsOverTheDestinations() {
        HttpRequest request = request("/");

        RouteHeadTransforms.applyToRequest(request, forward("/common/api"), "/common/api");

        assertThat(request.headers().getAll("host")).containsExactly("rewritten.example.com");
    }

    @Test
    void destinationAuthorityAppliesWhenTheRouteSetsNone() {
        HttpRequest request = request("/plain");

        RouteHeadTransforms.applyToRequest(request, forward("/plain"), "/plain");

        assertThat(request.headers().getAll("host")).containsExactly("destination.example.com");
        assertThat(request.headers().contains("x-envoy-original-path")).as("path not rewritten").isFalse();
    }

    @Test
    void requestOperationsRunDestinationFirstThenRouteRemoveSetAdd() {
        HttpRequest request = request("/");

        RouteHeadTransforms.applyToRequest(request, forward("/common/api"), "/common/api");

        assertThat(request.headers().getAll("x-who")).as("the route's set wins").containsExactly("route");
        assertThat(request.headers().getAll("x-list")).containsExactly("client", "destination", "route");
        assertThat(request.headers().contains("x-secret")).isFalse();
    }

    @Test
    void responseOperationsRunDestinationFirstThenRoute() {
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        response.headers().set("x-internal", "1").set("x-who", "upstream");

        RouteHeadTransforms.applyToResponse(response.headers(), forward("/common/api"));

        assertThat(response.headers().getAll("x-who")).containsExactly("route");
        assertThat(response.headers().get("x-destination")).isEqualTo("yes");
        assertThat(response.headers().contains("x-internal")).isFalse();
    }
}
