package io.foresail.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.core.http.ResponseFlag;
import io.foresail.core.pool.OffLoopResolverGroup;
import io.foresail.core.proxy.EventLoopUpstreams;
import io.foresail.core.proxy.ExchangeOutcome;
import io.foresail.core.proxy.ProxyContext;
import io.foresail.core.proxy.ProxyCounters;
import io.foresail.core.router.Router;
import io.foresail.core.tcp.TcpForwarding;
import io.foresail.core.testing.RoutingTables;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pipeline {@link DownstreamChannelInitializer} assembles, in an {@link EmbeddedChannel}, for local replies. */
class DownstreamPipelineTest {

    private static final int PORT = 8080;

    private final List<ExchangeOutcome> outcomes = new ArrayList<>();
    private final ProxyCounters counters = new ProxyCounters();
    private final ProxyContext context = new ProxyContext(
            RoutingTables.builder().cluster("empty.example").route(PORT, "example.com", "/empty", "empty.example").holder(),
            new Router(bound -> 0), outcomes::add, counters);
    private final ProxyServerOptions options = ProxyServerOptions.defaults();

    private EmbeddedChannel channel() {
        return new EmbeddedChannel(new DownstreamChannelInitializer(context,
                loop -> EventLoopUpstreams.create(loop, NioSocketChannel.class, options.upstreamSettings(),
                        new OffLoopResolverGroup(Runnable::run), counters),
                options, PORT, new TcpForwarding(NioSocketChannel.class, new OffLoopResolverGroup(Runnable::run),
                        options.connectTimeout(), bound -> 0, counters)));
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
    void localReplyToARequestExpectingContinueSendsNoContinueAndCloses() {
        EmbeddedChannel channel = channel();

        channel.writeInbound(Unpooled.copiedBuffer("POST /upload HTTP/1.1\r\nHost: other.com\r\nContent-Length: 5\r\n"
                + "Expect: 100-continue\r\n\r\n", StandardCharsets.ISO_8859_1));

        assertThat(written(channel)).as("no 100 Continue for a body nobody will read").isEqualTo(
                "HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nserver: istio-envoy\r\nconnection: close\r\n\r\n");
        assertThat(channel.isOpen()).as("the unread body would follow").isFalse();
        assertThat(outcomes).singleElement().extracting(ExchangeOutcome::flag).isEqualTo(ResponseFlag.NR);
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void pipelinedLocalRepliesToRequestsExpectingContinueCarryNoContinue() {
        EmbeddedChannel channel = channel();

        channel.writeInbound(Unpooled.copiedBuffer("GET /empty HTTP/1.1\r\nHost: example.com\r\n\r\n"
                + "POST /upload HTTP/1.1\r\nHost: other.com\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n",
                StandardCharsets.ISO_8859_1));

        String out = written(channel);
        assertThat(out).as("responses in order, nothing between them")
                .startsWith("HTTP/1.1 503 Service Unavailable\r\n")
                .doesNotContain("100 Continue")
                .endsWith("HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nserver: istio-envoy\r\nconnection: close\r\n\r\n");
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }
}
