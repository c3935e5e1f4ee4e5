package io.foresail.core.proxy;

import static io.foresail.core.testing.RoutingTables.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

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
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The downstream pipeline (codec → pipelining gate → proxy handler) in an {@link EmbeddedChannel}:
 * local replies, byte for byte, whatever way the request is split.
 */
class ProxyHandlerTest {

    private static final int PORT = 8080;
    private static final String NOT_FOUND = "HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nserver: istio-envoy\r\n\r\n";

    private final SnapshotHolder holder = RoutingTables.builder()
            .cluster("empty.example")
            .route(PORT, "example.com", "/empty", "empty.example")
            .route(PORT, "example.com", "/missing", "missing.example")
            .cluster("web.example", endpoint("127.0.0.1", 1, 1))
            .route(PORT, "example.com", "/web", "web.example")
            .holder();
    private final List<ExchangeOutcome> outcomes = new ArrayList<>();
    private final ProxyCounters counters = new ProxyCounters();

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

    /** A client that reads slowly: writes go out, but their promises complete only when it has read them. */
    private static final class SlowClient extends ChannelOutboundHandlerAdapter {

        private final List<ChannelPromise> unread = new ArrayList<>();

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            unread.add(promise);
            ctx.write(msg, ctx.newPromise());
        }

        void completeWrites() {
            unread.forEach(ChannelPromise::trySuccess);
            unread.clear();
        }
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

    private static void writeSplit(EmbeddedChannel channel, byte[] request, int split) {
        channel.writeInbound(Unpooled.wrappedBuffer(request, 0, split));
        channel.writeInbound(Unpooled.wrappedBuffer(request, split, request.length - split));
    }

    @Test
    void unknownHostGets404AtEverySplitOfTheRequest() {
        byte[] request = "GET /x?y=1 HTTP/1.1\r\nHost: other.com\r\nAccept: */*\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        for (int split = 1; split < request.length; split++) {
            EmbeddedChannel channel = channel();

            writeSplit(channel, request, split);

            assertThat(written(channel)).as("response with the request split at byte %d", split).isEqualTo(NOT_FOUND);
            assertThat(channel.isOpen()).as("keep-alive after a local reply").isTrue();
            assertThat(channel.finishAndReleaseAll()).isFalse();
        }
        assertThat(outcomes).hasSize(request.length - 1).allSatisfy(outcome -> {
            assertThat(outcome.flag()).isEqualTo(ResponseFlag.NR);
            assertThat(outcome.path()).isEqualTo("/x");
        });
    }

    @Test
    void clusterWithoutEndpointsGets503UHWithEnvoysBody() {
        EmbeddedChannel channel = channel();

        channel.writeInbound(Unpooled.copiedBuffer("GET /empty HTTP/1.1\r\nHost: example.com\r\n\r\n", StandardCharsets.ISO_8859_1));

        assertThat(written(channel)).isEqualTo("HTTP/1.1 503 Service Unavailable\r\ncontent-length: 19\r\n"
                + "content-type: text/plain\r\nserver: istio-envoy\r\n\r\nno healthy upstream");
        assertThat(outcomes).singleElement().extracting(ExchangeOutcome::flag).isEqualTo(ResponseFlag.UH);
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void missingClusterGets503NC() {
        EmbeddedChannel channel = channel();

        channel.writeInbound(Unpooled.copiedBuffer("GET /missing HTTP/1.1\r\nHost: example.com\r\n\r\n", StandardCharsets.ISO_8859_1));

        assertThat(written(channel)).startsWith("HTTP/1.1 503 Service Unavailable\r\n");
        assertThat(outcomes).singleElement().extracting(ExchangeOutcome::flag).isEqualTo(ResponseFlag.NC);
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void localReplyBeforeAnUnreadBodyClosesTheConnection() {
        EmbeddedChannel channel = channel();

        channel.writeInbound(Unpooled.copiedBuffer("POST /nothing HTTP/1.1\r\nHost: other.com\r\nContent-Length: 10\r\n\r\n12345",
                StandardCharsets.ISO_8859_1));

        assertThat(written(channel)).isEqualTo(
                "HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nserver: istio-envoy\r\nconnection: close\r\n\r\n");
        assertThat(channel.isOpen()).isFalse();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void localReplyAfterAFullyReadBodyKeepsTheConnection() {
        EmbeddedChannel channel = channel();

        channel.writeInbound(Unpooled.copiedBuffer("POST /nothing HTTP/1.1\r\nHost: other.com\r\nContent-Length: 5\r\n\r\n12345",
                StandardCharsets.ISO_8859_1));

        assertThat(written(channel)).isEqualTo(NOT_FOUND);
        assertThat(channel.isOpen()).isTrue();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void malformedRequestGets400AndCloses() {
        EmbeddedChannel channel = channel();

        channel.writeInbound(Unpooled.copiedBuffer("GET / HTTP/1.1\r\nHost: example.com\r\nno colon here\r\n\r\n",
                StandardCharsets.ISO_8859_1));

        assertThat(written(channel)).startsWith("HTTP/1.1 400 Bad Request\r\n").contains("connection: close");
        assertThat(channel.isOpen()).isFalse();
        assertThat(outcomes).singleElement().extracting(ExchangeOutcome::flag).isEqualTo(ResponseFlag.DPE);
        assertThat(counters.downstreamProtocolErrors()).isEqualTo(1);
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void malformedContentLengthGets400DPEAndClosesWithoutAnError() {
        List<String> values = List.of("abc", "5, 5", "99999999999999999999", "-1", "+5", "5\r\nContent-Length: 6");
        for (String value : values) {
            EmbeddedChannel channel = channel();

            channel.writeInbound(Unpooled.copiedBuffer("POST /web HTTP/1.1\r\nHost: example.com\r\nContent-Length: " + value
                    + "\r\n\r\nhello", StandardCharsets.ISO_8859_1));

            assertThat(written(channel)).as("reply to content-length %s", value)
                    .startsWith("HTTP/1.1 400 Bad Request\r\n").contains("connection: close");
            assertThat(channel.isOpen()).as("open after content-length %s", value).isFalse();
            assertThat(channel.finishAndReleaseAll()).isFalse();
        }
        assertThat(outcomes).hasSize(values.size()).allSatisfy(outcome -> assertThat(outcome.flag()).isEqualTo(ResponseFlag.DPE));
        assertThat(counters.downstreamProtocolErrors()).isEqualTo(values.size());
        assertThat(counters.unexpectedErrors()).as("exceptions on the event loop").isZero();
    }

    @Test
    void moreThanOneHostGets400DPE() {
        EmbeddedChannel channel = channel();

        channel.writeInbound(Unpooled.copiedBuffer("GET /x HTTP/1.1\r\nHost: other.com\r\nHost: example.com\r\n\r\n",
                StandardCharsets.ISO_8859_1));

        assertThat(written(channel)).as("RFC 9112 section 3.2: more than one Host line")
                .startsWith("HTTP/1.1 400 Bad Request\r\n").contains("connection: close");
        assertThat(channel.isOpen()).isFalse();
        assertThat(outcomes).singleElement().extracting(ExchangeOutcome::flag).isEqualTo(ResponseFlag.DPE);
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void missingHostOnHttp11Gets400() {
        EmbeddedChannel channel = channel();

        channel.writeInbound(Unpooled.copiedBuffer("GET / HTTP/1.1\r\n\r\n", StandardCharsets.ISO_8859_1));

        assertThat(written(channel)).startsWith("HTTP/1.1 400 Bad Request\r\n");
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void http10WithoutKeepAliveGetsCloseAfterALocalReply() {
        EmbeddedChannel channel = channel();

        channel.writeInbound(Unpooled.copiedBuffer("GET / HTTP/1.0\r\n\r\n", StandardCharsets.ISO_8859_1));

        assertThat(written(channel)).isEqualTo(
                "HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nserver: istio-envoy\r\nconnection: close\r\n\r\n");
        assertThat(channel.isOpen()).isFalse();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void pipelinedLocalRepliesComeOutInOrder() {
        EmbeddedChannel channel = channel();

        channel.writeInbound(Unpooled.copiedBuffer("GET /a HTTP/1.1\r\nHost: other.com\r\n\r\n"
                + "GET /empty HTTP/1.1\r\nHost: example.com\r\n\r\nGET /b HTTP/1.1\r\nHost: other.com\r\n\r\n",
                StandardCharsets.ISO_8859_1));

        String out = written(channel);
        assertThat(out).startsWith(NOT_FOUND).endsWith(NOT_FOUND).contains("no healthy upstream");
        assertThat(outcomes).extracting(ExchangeOutcome::path).containsExactly("/a", "/empty", "/b");
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void connectGets404NRAndTheConnectionCloses() {
        EmbeddedChannel channel = channel();

        channel.writeInbound(Unpooled.copiedBuffer("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n",
                StandardCharsets.ISO_8859_1));

        assertThat(written(channel)).as("CONNECT is not supported: no route, as Envoy answers it").isEqualTo(
                "HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nserver: istio-envoy\r\nconnection: close\r\n\r\n");
        assertThat(channel.isOpen()).as("tunnel bytes may follow a CONNECT: the connection closes").isFalse();
        assertThat(outcomes).singleElement().satisfies(outcome -> {
            assertThat(outcome.flag()).isEqualTo(ResponseFlag.NR);
            assertThat(outcome.clusterName()).as("never routed to a cluster").isNull();
        });
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void pipelinedRequestAfterAConnectionCloseIsNeverServed() {
        EmbeddedChannel channel = channel();

        channel.writeInbound(Unpooled.copiedBuffer("GET /a HTTP/1.1\r\nHost: other.com\r\nConnection: close\r\n\r\n"
                + "GET /empty HTTP/1.1\r\nHost: example.com\r\n\r\n", StandardCharsets.ISO_8859_1));

        assertThat(written(channel)).isEqualTo(
                "HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nserver: istio-envoy\r\nconnection: close\r\n\r\n");
        assertThat(outcomes).as("exchanges after the one that closes the connection")
                .extracting(ExchangeOutcome::path).containsExactly("/a");
        assertThat(channel.isOpen()).isFalse();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void pipelinedRequestHeldWhileTheClosingResponseIsStillBeingWrittenIsDropped() {
        EmbeddedChannel channel = channel();
        SlowClient client = new SlowClient();
        channel.pipeline().addFirst(client);

        channel.writeInbound(Unpooled.copiedBuffer("GET /a HTTP/1.1\r\nHost: other.com\r\nConnection: close\r\n\r\n"
                + "GET /empty HTTP/1.1\r\nHost: example.com\r\n\r\n", StandardCharsets.ISO_8859_1));
        String beforeTheClientRead = written(channel);
        client.completeWrites();

        assertThat(beforeTheClientRead).isEqualTo(
                "HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nserver: istio-envoy\r\nconnection: close\r\n\r\n");
        assertThat(outcomes).as("exchanges on a connection that is closing")
                .extracting(ExchangeOutcome::path).containsExactly("/a");
        assertThat(channel.isOpen()).isFalse();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void optionsAsteriskIsNotRoutedByPathRoutesAndKeepsTheConnection() {
        EmbeddedChannel channel = channel();

        channel.writeInbound(Unpooled.copiedBuffer("OPTIONS * HTTP/1.1\r\nHost: example.com\r\n\r\n", StandardCharsets.ISO_8859_1));

        assertThat(written(channel)).isEqualTo(NOT_FOUND);
        assertThat(channel.isOpen()).isTrue();
        assertThat(outcomes).singleElement().satisfies(outcome -> {
            assertThat(outcome.flag()).isEqualTo(ResponseFlag.NR);
            assertThat(outcome.path()).isEqualTo("*");
        });
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void targetThatIsNeitherOriginNorAbsoluteFormGets400() {
        List<String> requestLines = List.of("GET * HTTP/1.1", "GET example.com:80 HTTP/1.1", "GET ftp://example.com/ HTTP/1.1",
                "DELETE web HTTP/1.1");
        for (String requestLine : requestLines) {
            EmbeddedChannel channel = channel();

            channel.writeInbound(Unpooled.copiedBuffer(requestLine + "\r\nHost: example.com\r\n\r\n", StandardCharsets.ISO_8859_1));

            assertThat(written(channel)).as("reply to %s", requestLine).startsWith("HTTP/1.1 400 Bad Request\r\n");
            assertThat(channel.finishAndReleaseAll()).isFalse();
        }
        assertThat(outcomes).hasSize(requestLines.size()).allSatisfy(outcome -> assertThat(outcome.flag()).isEqualTo(ResponseFlag.DPE));
    }

    @Test
    void routeIsChosenOnTheNormalisedPath() {
        EmbeddedChannel channel = channel();

        channel.writeInbound(Unpooled.copiedBuffer("GET /other/..%2F/../%2E%2e/empty/.?q=/../x HTTP/1.1\r\nHost: example.com\r\n\r\n",
                StandardCharsets.ISO_8859_1));

        assertThat(written(channel)).as("the /empty route (503 UH), not a 404 for the raw path")
                .startsWith("HTTP/1.1 503 Service Unavailable\r\n");
        assertThat(outcomes).singleElement().satisfies(outcome -> {
            assertThat(outcome.flag()).isEqualTo(ResponseFlag.UH);
            assertThat(outcome.path()).isEqualTo("/empty/");
        });
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void pathThatCannotBeNormalisedGets400WithoutFlagAtEverySplitAndKeepsTheConnection() {
        byte[] request = "GET /web/%00/../x HTTP/1.1\r\nHost: example.com\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        for (int split = 1; split < request.length; split++) {
            EmbeddedChannel channel = channel();

            writeSplit(channel, request, split);

            assertThat(written(channel)).as("response with the request split at byte %d", split)
                    .isEqualTo("HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\nserver: istio-envoy\r\n\r\n");
            assertThat(channel.isOpen()).as("Envoy keeps the connection after path_normalization_failed").isTrue();
            assertThat(channel.finishAndReleaseAll()).isFalse();
        }
        assertThat(outcomes).hasSize(request.length - 1).allSatisfy(outcome -> {
            assertThat(outcome.status()).isEqualTo(400);
            assertThat(outcome.flag()).as("Envoy sets no response flag, only details path_normalization_failed")
                    .isEqualTo(ResponseFlag.NONE);
            assertThat(outcome.clusterName()).as("never routed").isNull();
        });
    }

    @Test
    void headRequestGetsHeadersWithoutBody() {
        EmbeddedChannel channel = channel();

        channel.writeInbound(Unpooled.copiedBuffer("HEAD /empty HTTP/1.1\r\nHost: example.com\r\n\r\n", StandardCharsets.ISO_8859_1));

        assertThat(written(channel)).isEqualTo("HTTP/1.1 503 Service Unavailable\r\ncontent-length: 19\r\n"
                + "content-type: text/plain\r\nserver: istio-envoy\r\n\r\n");
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }
}
