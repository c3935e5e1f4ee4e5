package io.foresail.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.core.http.DownstreamReads;
import io.foresail.core.http.PipelinedRequestGate;
import io.foresail.core.http.ResponseFlag;
import io.foresail.core.pool.OffLoopResolverGroup;
import io.foresail.core.pool.UpstreamSettings;
import io.foresail.core.router.Router;
import io.foresail.core.runtime.SnapshotHolder;
import io.foresail.core.testing.YamlSnapshots;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code redirect} and {@code directResponse} routes answered by the downstream pipeline in an
 * {@link EmbeddedChannel}, byte for byte, whatever way the request is split.
 */
class ProxyHandlerRouteActionsTest {

    private static final int PORT = 8083;

    @TempDir
    Path folder;

    private SnapshotHolder holder;
    private final List<ExchangeOutcome> outcomes = new ArrayList<>();
    private final ProxyCounters counters = new ProxyCounters();

    @BeforeEach
    void compile() {
        holder = YamlSnapshots.load(folder, Optional.empty(), """
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
                  hosts: [example.com]
                  gateways: [edge]
                  http:
                  - match: [{uri: {exact: /health}}]
                    directResponse: {status: 200, body: {string: ok}}
                    headers: {response: {add: {x-a: b}}}
                  - redirect: {uri: /moved, redirectCode: 302}
                """);
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

    private static String written(EmbeddedChannel channel) {
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
    void directResponseIsWrittenWholeAtEverySplitOfTheRequest() {
        byte[] request = "GET /health HTTP/1.1\r\nHost: example.com\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        for (int split = 1; split < request.length; split++) {
            EmbeddedChannel channel = channel();

            channel.writeInbound(Unpooled.wrappedBuffer(request, 0, split));
            channel.writeInbound(Unpooled.wrappedBuffer(request, split, request.length - split));

            assertThat(written(channel)).as("response with the request split at byte %d", split).isEqualTo(
                    "HTTP/1.1 200 OK\r\ncontent-length: 2\r\ncontent-type: text/plain\r\nserver: istio-envoy\r\nx-a: b\r\n\r\nok");
            assertThat(channel.isOpen()).isTrue();
            assertThat(channel.finishAndReleaseAll()).isFalse();
        }
        assertThat(outcomes).allSatisfy(outcome -> {
            assertThat(outcome.status()).isEqualTo(200);
            assertThat(outcome.flag()).isEqualTo(ResponseFlag.NONE);
        });
    }

    @Test
    void directResponseToHeadIsHeadersOnlyAndTheNextPipelinedRequestFollows() {
        EmbeddedChannel channel = channel();

        channel.writeInbound(Unpooled.copiedBuffer("HEAD /health HTTP/1.1\r\nHost: example.com\r\n\r\n"
                + "GET /health HTTP/1.1\r\nHost: example.com\r\n\r\n", StandardCharsets.ISO_8859_1));

        String head = "HTTP/1.1 200 OK\r\ncontent-length: 2\r\ncontent-type: text/plain\r\nserver: istio-envoy\r\nx-a: b\r\n\r\n";
        assertThat(written(channel)).isEqualTo(head + head + "ok");
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void directResponseBeforeAnUnreadBodyClosesTheConnection() {
        EmbeddedChannel channel = channel();

        channel.writeInbound(Unpooled.copiedBuffer("POST /health HTTP/1.1\r\nHost: example.com\r\nContent-Length: 10\r\n\r\n12345",
                StandardCharsets.ISO_8859_1));

        assertThat(written(channel)).isEqualTo("HTTP/1.1 200 OK\r\ncontent-length: 2\r\ncontent-type: text/plain\r\n"
                + "server: istio-envoy\r\nconnection: close\r\nx-a: b\r\n\r\nok");
        assertThat(channel.isOpen()).isFalse();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void redirectIsAnsweredWithItsCodeAndLocation() {
        EmbeddedChannel channel = channel();

        channel.writeInbound(Unpooled.copiedBuffer("GET /old?q=1 HTTP/1.1\r\nHost: example.com\r\n\r\n", StandardCharsets.ISO_8859_1));

        assertThat(written(channel)).isEqualTo("HTTP/1.1 302 Found\r\ncontent-length: 0\r\nserver: istio-envoy\r\n"
                + "location: http://example.com/moved?q=1\r\n\r\n");
        assertThat(outcomes).singleElement().satisfies(outcome -> {
            assertThat(outcome.status()).isEqualTo(302);
            assertThat(outcome.flag()).isEqualTo(ResponseFlag.NONE);
        });
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }
}
