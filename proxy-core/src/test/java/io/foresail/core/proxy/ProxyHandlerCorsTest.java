package io.foresail.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.config.table.CorsPolicy;
import io.foresail.config.table.HeaderRewrites;
import io.foresail.config.table.RouteFilters;
import io.foresail.config.table.StringMatch;
import io.foresail.core.http.DownstreamReads;
import io.foresail.core.http.PipelinedRequestGate;
import io.foresail.core.http.ResponseFlag;
import io.foresail.core.pool.OffLoopResolverGroup;
import io.foresail.core.pool.UpstreamSettings;
import io.foresail.core.router.Router;
import io.foresail.core.runtime.SnapshotHolder;
import io.foresail.core.testing.RoutingTables;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A route's {@code corsPolicy} in the downstream pipeline ({@link EmbeddedChannel}), byte for byte.
 * The routes' cluster has no endpoint, so a request that is forwarded gets 503 {@code UH}: a 200 to
 * a preflight shows the proxy answered it itself, and the 503 is the route's local answer that an
 * actual request's CORS headers go on.
 */
class ProxyHandlerCorsTest {

    private static final int PORT = 8080;
    private static final String ORIGIN = "https://app.example";
    private static final String NO_HEALTHY_UPSTREAM_HEAD = "HTTP/1.1 503 Service Unavailable\r\ncontent-length: 19\r\n"
            + "content-type: text/plain\r\nserver: istio-envoy\r\n";

    private static final CorsPolicy FULL = new CorsPolicy(List.of(new StringMatch.Exact(ORIGIN)), "GET,POST",
            "content-type,x-token", "x-trace", Optional.of("600"), Optional.of(true), true);
    private static final CorsPolicy IGNORING = new CorsPolicy(List.of(new StringMatch.Exact(ORIGIN)), "GET", "",
            "", Optional.empty(), Optional.empty(), false);
    private static final CorsPolicy WILDCARDS = new CorsPolicy(List.of(new StringMatch.Exact("*")), "*", "*",
            "", Optional.empty(), Optional.of(false), true);

    private final SnapshotHolder holder = RoutingTables.builder()
            .cluster("empty.example")
            .route(PORT, "example.com", "/full", "empty.example", cors(FULL))
            .route(PORT, "example.com", "/ignoring", "empty.example", cors(IGNORING))
            .route(PORT, "example.com", "/wildcards", "empty.example", cors(WILDCARDS))
            .route(PORT, "example.com", "/plain", "empty.example")
            .holder();
    private final List<ExchangeOutcome> outcomes = new ArrayList<>();
    private final ProxyCounters counters = new ProxyCounters();

    private static RouteFilters cors(CorsPolicy policy) {
        return new RouteFilters(HeaderRewrites.NONE, Optional.of(policy), Optional.empty());
    }

    private EmbeddedChannel channel() {
        EmbeddedChannel channel = new EmbeddedChannel();
        ProxyContext context = new ProxyContext(holder, new Router(bound -> 0), outcomes::add, counters);
        EventLoopUpstreams upstreams = EventLoopUpstreams.create(channel.eventLoop(), NioSocketChannel.class,
                new UpstreamSettings(Duration.ofSeconds(1), Duration.ofSeconds(60), 8192, 60 * 1024, 65536),
                new OffLoopResolverGroup(Runnable::run), counters);
        DownstreamReads reads = new DownstreamReads(channel);
        channel.pipeline().addLast(new HttpServerCodec(), new PipelinedRequestGate(reads),
                new ProxyHandler(context, upstreams, PORT, reads));
        return channel;
    }

    private static String exchange(EmbeddedChannel channel, String request) {
        channel.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.ISO_8859_1));
        channel.runPendingTasks();
        StringBuilder text = new StringBuilder();
        ByteBuf buf;
        while ((buf = channel.readOutbound()) != null) {
            text.append(buf.toString(StandardCharsets.ISO_8859_1));
            buf.release();
        }
        return text.toString();
    }

    @Test
    void preflightFromAnAllowedOriginIsAnsweredByTheProxyWithEveryConfiguredHeader() {
        EmbeddedChannel channel = channel();

        String response = exchange(channel, "OPTIONS /full/items HTTP/1.1\r\nHost: example.com\r\nOrigin: " + ORIGIN
                + "\r\nAccess-Control-Request-Method: POST\r\n\r\n");

        assertThat(response).as("200, empty body, origin echoed; expose-headers is for actual requests only")
                .isEqualTo("HTTP/1.1 200 OK\r\ncontent-length: 0\r\nserver: istio-envoy\r\n"
                        + "access-control-allow-origin: " + ORIGIN + "\r\n"
                        + "access-control-allow-credentials: true\r\n"
                        + "access-control-allow-methods: GET,POST\r\n"
                        + "access-control-allow-headers: content-type,x-token\r\n"
                        + "access-control-max-age: 600\r\n\r\n");
        assertThat(outcomes).singleElement().satisfies(outcome -> {
            assertThat(outcome.status()).isEqualTo(200);
            assertThat(outcome.flag()).isEqualTo(ResponseFlag.NONE);
        });
        assertThat(channel.isOpen()).as("keep-alive after the preflight answer").isTrue();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void preflightFromAnotherOriginIsForwardedUnchangedByDefault() {
        EmbeddedChannel channel = channel();

        String response = exchange(channel, "OPTIONS /full HTTP/1.1\r\nHost: example.com\r\nOrigin: https://evil.example"
                + "\r\nAccess-Control-Request-Method: POST\r\n\r\n");

        assertThat(response).as("forwarded (503 UH from the empty cluster), no CORS header")
                .isEqualTo(NO_HEALTHY_UPSTREAM_HEAD + "\r\nno healthy upstream");
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void preflightFromAnotherOriginWithIgnoreIsAnsweredWithoutAllowOrigin() {
        EmbeddedChannel channel = channel();

        String response = exchange(channel, "OPTIONS /ignoring HTTP/1.1\r\nHost: example.com\r\nOrigin: https://evil.example"
                + "\r\nAccess-Control-Request-Method: GET\r\n\r\n");

        assertThat(response).as("as Envoy with forward_not_matching_preflights false: not forwarded, no allow-origin")
                .isEqualTo("HTTP/1.1 200 OK\r\ncontent-length: 0\r\nserver: istio-envoy\r\n"
                        + "access-control-allow-methods: GET\r\n\r\n");
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void wildcardMethodsAndHeadersEchoWhatThePreflightAsksFor() {
        EmbeddedChannel channel = channel();

        String response = exchange(channel, "OPTIONS /wildcards HTTP/1.1\r\nHost: example.com\r\nOrigin: https://any.example"
                + "\r\nAccess-Control-Request-Method: DELETE\r\nAccess-Control-Request-Headers: x-a,x-b\r\n\r\n");

        assertThat(response).as("exact * allows every origin; * methods and headers echo the request's")
                .isEqualTo("HTTP/1.1 200 OK\r\ncontent-length: 0\r\nserver: istio-envoy\r\n"
                        + "access-control-allow-origin: https://any.example\r\n"
                        + "access-control-allow-methods: DELETE\r\n"
                        + "access-control-allow-headers: x-a,x-b\r\n\r\n");
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void optionsWithoutAccessControlRequestMethodIsAnActualRequest() {
        EmbeddedChannel channel = channel();

        String response = exchange(channel, "OPTIONS /full HTTP/1.1\r\nHost: example.com\r\nOrigin: " + ORIGIN + "\r\n\r\n");

        assertThat(response).as("forwarded, and its answer gets the actual-request headers")
                .isEqualTo(NO_HEALTHY_UPSTREAM_HEAD + "access-control-allow-origin: " + ORIGIN + "\r\n"
                        + "access-control-allow-credentials: true\r\naccess-control-expose-headers: x-trace\r\n\r\n"
                        + "no healthy upstream");
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void localAnswerOfTheRouteToAnAllowedOriginGetsTheCorsHeaders() {
        EmbeddedChannel channel = channel();

        String response = exchange(channel, "GET /full HTTP/1.1\r\nHost: example.com\r\nOrigin: " + ORIGIN + "\r\n\r\n");

        assertThat(response).isEqualTo(NO_HEALTHY_UPSTREAM_HEAD + "access-control-allow-origin: " + ORIGIN + "\r\n"
                + "access-control-allow-credentials: true\r\naccess-control-expose-headers: x-trace\r\n\r\n"
                + "no healthy upstream");
        assertThat(outcomes).singleElement().extracting(ExchangeOutcome::flag).isEqualTo(ResponseFlag.UH);
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void requestFromAnotherOriginGetsNoCorsHeaders() {
        EmbeddedChannel channel = channel();

        String response = exchange(channel, "GET /full HTTP/1.1\r\nHost: example.com\r\nOrigin: https://evil.example\r\n\r\n");

        assertThat(response).isEqualTo(NO_HEALTHY_UPSTREAM_HEAD + "\r\nno healthy upstream");
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void requestWithoutOriginGetsNoCorsHeadersAndAPreflightShapeIsNotEnough() {
        EmbeddedChannel channel = channel();

        String response = exchange(channel, "OPTIONS /full HTTP/1.1\r\nHost: example.com\r\n"
                + "Access-Control-Request-Method: POST\r\n\r\n");

        assertThat(response).as("no Origin: not a CORS request, forwarded untouched")
                .isEqualTo(NO_HEALTHY_UPSTREAM_HEAD + "\r\nno healthy upstream");
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void routeWithoutPolicyIgnoresOrigin() {
        EmbeddedChannel channel = channel();

        String response = exchange(channel, "OPTIONS /plain HTTP/1.1\r\nHost: example.com\r\nOrigin: " + ORIGIN
                + "\r\nAccess-Control-Request-Method: POST\r\n\r\n");

        assertThat(response).isEqualTo(NO_HEALTHY_UPSTREAM_HEAD + "\r\nno healthy upstream");
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }
}
