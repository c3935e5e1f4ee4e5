package io.foresail.bench.jmh;

import io.foresail.core.pool.PoolKey;
import io.foresail.core.proxy.EventLoopUpstreams;
import io.foresail.core.proxy.ExchangeObserver;
import io.foresail.core.proxy.ProxyContext;
import io.foresail.core.proxy.ProxyCounters;
import io.foresail.core.router.Router;
import io.foresail.core.runtime.ProxySnapshot;
import io.foresail.core.runtime.SnapshotHolder;
import io.foresail.core.server.DownstreamPipelines;
import io.foresail.core.server.ProxyServerOptions;
import io.foresail.core.tcp.TcpForwarding;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One HTTP/1.1 keep-alive request through the downstream pipeline the server builds for a plaintext
 * listener (idle-state → {@code HttpServerCodec} → {@code PipelinedRequestGate} → {@code ProxyHandler},
 * assembled by the real {@code DownstreamChannelInitializer}) in an {@link EmbeddedChannel}: the
 * request's bytes arrive in one direct buffer as from a socket read, and the response's bytes are
 * read back and released. The connection stays open across invocations, as a keep-alive client's.
 * <ul>
 *   <li>{@code directResponse}: {@code GET /health}, answered by a {@code directResponse} route
 *       (decode, route, local reply, encode);</li>
 *   <li>{@code forwarded}: {@code GET /api/items?page=2}, forwarded to a STATIC ServiceEntry whose one
 *       endpoint is a {@link FakeOriginChannel} on the same event loop, reused from the loop's pool
 *       every time (decode, route, pick endpoint, pooled connection, rewrite head, encode upstream,
 *       decode the origin's 200 with a 64-byte body, rewrite and encode it downstream).</li>
 * </ul>
 * No sockets and no thread hops: the numbers are the proxy's own per-request work on the loop.
 *
 * <pre>java -jar proxy-bench/target/benchmarks.jar ProxyHandler -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 15, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ProxyHandlerBenchmark {

    private static final String YAML = GeneratedConfig.GATEWAY_AND_BACKEND + """
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: shop}
            spec:
              hosts: [shop.example.com]
              gateways: [edge]
              http:
              - match: [{uri: {exact: /health}}]
                directResponse: {status: 200, body: {string: ok}}
              - match: [{uri: {prefix: /api/}}]
                route: [{destination: {host: backend.local}}]
            """;
    private static final String HEADERS = "Host: shop.example.com\r\n"
            + "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0\r\n"
            + "Accept: */*\r\n"
            + "Accept-Encoding: gzip, deflate, br\r\n"
            + "\r\n";
    private static final byte[] HEALTH = ("GET /health HTTP/1.1\r\n" + HEADERS).getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] API = ("GET /api/items?page=2 HTTP/1.1\r\n" + HEADERS).getBytes(StandardCharsets.ISO_8859_1);

    private EmbeddedChannel directChannel;
    private EmbeddedChannel forwardChannel;
    private EventLoopUpstreams forwardUpstreams;

    @Setup
    public void connect() {
        SnapshotHolder snapshots = new SnapshotHolder(new ProxySnapshot(GeneratedConfig.compile(YAML), 1));
        ProxyCounters counters = new ProxyCounters();
        // As ProxyServer.start(holder, options): the system's ticket source and no exchange observer.
        ProxyContext context = new ProxyContext(snapshots, new Router(bound -> 0), ExchangeObserver.NONE, counters);
        ProxyServerOptions options = ProxyServerOptions.defaults();
        LiteralAddressResolverGroup resolver = new LiteralAddressResolverGroup();
        TcpForwarding forwarding = new TcpForwarding(FakeOriginChannel.class, resolver, options.connectTimeout(),
                bound -> 0, counters);
        directChannel = DownstreamPipelines.accepted(context, loop -> upstreams(loop, options, resolver, counters),
                options, GeneratedConfig.PORT, forwarding);
        forwardChannel = DownstreamPipelines.accepted(context, loop -> {
            forwardUpstreams = upstreams(loop, options, resolver, counters);
            return forwardUpstreams;
        }, options, GeneratedConfig.PORT, forwarding);

        expect(directChannel, HEALTH, "ok");
        expect(directChannel, HEALTH, "ok");
        expect(forwardChannel, API, FakeOriginChannel.BODY);
        expect(forwardChannel, API, FakeOriginChannel.BODY);
        PoolKey origin = PoolKey.of("127.0.0.1", 80);
        Channel pooled = forwardUpstreams.pool().pollIdle(origin);
        if (!(pooled instanceof FakeOriginChannel fake) || fake.requests() != 2 || forwardUpstreams.pool().idleCount(origin) != 0) {
            throw new IllegalStateException("expected both requests on one pooled origin connection: " + pooled);
        }
        forwardUpstreams.pool().release(pooled);
        System.out.println("\nforwarded request head:\n" + fake.firstRequestHead());
    }

    private static EventLoopUpstreams upstreams(EventLoop loop, ProxyServerOptions options, LiteralAddressResolverGroup resolver,
                                                ProxyCounters counters) {
        return EventLoopUpstreams.create(loop, FakeOriginChannel.class, options.upstreamSettings(), resolver, counters);
    }

    @TearDown
    public void close() {
        forwardUpstreams.pool().closeIdle();
        directChannel.finishAndReleaseAll();
        forwardChannel.finishAndReleaseAll();
    }

    @Benchmark
    public int directResponse() {
        return exchange(directChannel, HEALTH);
    }

    @Benchmark
    public int forwarded() {
        return exchange(forwardChannel, API);
    }

    /** Feeds {@code request} as one socket read and returns the number of response bytes written (all released). */
    private static int exchange(EmbeddedChannel channel, byte[] request) {
        channel.writeInbound(channel.alloc().directBuffer(request.length).writeBytes(request));
        channel.runPendingTasks();
        int written = 0;
        ByteBuf buf;
        while ((buf = channel.readOutbound()) != null) {
            written += buf.readableBytes();
            buf.release();
        }
        return written;
    }

    private static void expect(EmbeddedChannel channel, byte[] request, String body) {
        channel.writeInbound(channel.alloc().directBuffer(request.length).writeBytes(request));
        channel.runPendingTasks();
        StringBuilder response = new StringBuilder();
        ByteBuf buf;
        while ((buf = channel.readOutbound()) != null) {
            response.append(buf.toString(StandardCharsets.ISO_8859_1));
            buf.release();
        }
        String text = response.toString();
        if (!text.startsWith("HTTP/1.1 200 OK\r\n") || !text.endsWith("\r\n\r\n" + body) || text.contains("connection: close")
                || !channel.isOpen()) {
            throw new IllegalStateException("response to " + new String(request, StandardCharsets.ISO_8859_1)
                    + ": " + text + " (expected: a keep-alive 200 with body " + body + ")");
        }
        System.out.println("\nresponse:\n" + text);
    }
}
