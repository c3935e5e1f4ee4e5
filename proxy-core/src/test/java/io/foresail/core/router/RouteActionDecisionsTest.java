package io.foresail.core.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.config.table.PortListener;
import io.foresail.core.http.ResponseFlag;
import io.foresail.core.testing.YamlSnapshots;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The router's answers for {@code redirect} and {@code directResponse} routes, compiled from Istio YAML. */
class RouteActionDecisionsTest {

    private static final ByteBufAllocator ALLOCATOR = new UnpooledByteBufAllocator(false);

    @TempDir
    Path folder;

    private PortListener listener;
    private final Router router = new Router(bound -> 0);

    @BeforeEach
    void compile() {
        listener = YamlSnapshots.table(folder, Optional.empty(), """
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: edge}
                spec:
                  servers:
                  - port: {number: 8083, name: http, protocol: HTTP}
                    hosts: ["*"]
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: actions}
                spec:
                  hosts: [web.example.com]
                  gateways: [edge]
                  http:
                  - match: [{uri: {prefix: /old/}}]
                    redirect: {prefixRewrite: /new/, redirectCode: 302, derivePort: FROM_REQUEST_PORT}
                    headers: {response: {set: {x-moved: "yes"}}}
                  - match: [{uri: {exact: /health}}]
                    directResponse: {status: 200, body: {string: ok}}
                    headers: {response: {set: {content-type: application/json}, add: {x-a: b}}}
                  - directResponse: {status: 503}
                """).listener(8083);
    }

    private RouteDecision route(String target) {
        return router.route(listener.plaintextHttp(), new RequestHeadView(HttpMethod.GET, "web.example.com", target,
                RequestTargets.path(target), new DefaultHttpHeaders()));
    }

    @Test
    void redirectRouteAnswersWithItsCodeAndLocation() {
        RouteDecision decision = route("/old/page?q=1");

        assertThat(decision).isInstanceOfSatisfying(RouteDecision.Redirect.class, redirect -> {
            assertThat(redirect.status().code()).isEqualTo(302);
            assertThat(redirect.location()).isEqualTo("http://web.example.com:8083/new/page?q=1");
            assertThat(redirect.flag()).isEqualTo(ResponseFlag.NONE);
        });
    }

    @Test
    void redirectResponseCarriesTheRoutesResponseHeaders() {
        FullHttpResponse response = ((RouteDecision.Reply) route("/old/x")).toResponse(ALLOCATOR, false);
        try {
            assertThat(response.headers().get("location")).isEqualTo("http://web.example.com:8083/new/x");
            assertThat(response.headers().get("x-moved")).isEqualTo("yes");
            assertThat(response.content().readableBytes()).as("empty body").isZero();
        } finally {
            response.release();
        }
    }

    @Test
    void directResponseRouteAnswersWithItsBodyAndResponseHeaders() {
        FullHttpResponse response = ((RouteDecision.Reply) route("/health")).toResponse(ALLOCATOR, false);
        try {
            assertThat(response.status().code()).isEqualTo(200);
            assertThat(response.content().toString(StandardCharsets.UTF_8)).isEqualTo("ok");
            assertThat(response.headers().get("content-length")).isEqualTo("2");
            assertThat(response.headers().get("content-type")).as("set by the route over text/plain")
                    .isEqualTo("application/json");
            assertThat(response.headers().getAll("x-a")).containsExactly("b");
        } finally {
            response.release();
        }
    }

    @Test
    void directResponseBodyIsSharedNotCopied() {
        RouteDecision.DirectResponse first = (RouteDecision.DirectResponse) route("/health");
        FullHttpResponse one = first.toResponse(ALLOCATOR, false);
        FullHttpResponse two = first.toResponse(ALLOCATOR, false);
        try {
            assertThat(one.content().readableBytes()).isEqualTo(2);
            assertThat(two.content().readableBytes()).as("the first response did not consume the shared bytes").isEqualTo(2);
        } finally {
            one.release();
            two.release();
        }
    }

    @Test
    void directResponseWithoutBodyHasNoContentType() {
        FullHttpResponse response = ((RouteDecision.Reply) route("/anything")).toResponse(ALLOCATOR, true);
        try {
            assertThat(response.status().code()).isEqualTo(503);
            assertThat(response.headers().get("content-length")).isEqualTo("0");
            assertThat(response.headers().contains("content-type")).isFalse();
            assertThat(response.headers().get("connection")).isEqualTo("close");
        } finally {
            response.release();
        }
    }
}
