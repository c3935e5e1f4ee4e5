package io.foresail.core.server;

import static io.foresail.core.testing.RoutingTables.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.core.testing.Closer;
import io.foresail.core.testing.RawHttpClient;
import io.foresail.core.testing.RoutingTables;
import io.foresail.core.testing.StubUpstream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Request bodies are not buffered without bound: a client sending faster than the upstream takes
 * is stopped by the proxy no longer reading, whatever else (pipelining) happens on the connection.
 */
class RequestBackpressureIT {

    private static final int GATEWAY_PORT = 8081;
    static final long LIMIT = 64L << 20;

    @RegisterExtension
    final Closer closer = new Closer();

    @Test
    void pipelinedUploadToAnUpstreamStillConnectingIsNotReadAhead() throws Exception {
        StubUpstream fast = closer.register(StubUpstream.start("fast"));
        UnacceptingUpstream stalled = closer.register(new UnacceptingUpstream());
        ProxyServer proxy = closer.register(ProxyServer.start(RoutingTables.builder()
                        .cluster("fast.example", endpoint("127.0.0.1", fast.port(), 1))
                        .cluster("stalled.example", endpoint("127.0.0.1", stalled.port(), 1))
                        .route(GATEWAY_PORT, "example.com", "/stall", "stalled.example")
                        .route(GATEWAY_PORT, "example.com", "/", "fast.example").holder(),
                ProxyServerOptions.builder().ephemeralPorts(true).workerThreads(1)
                        .connectTimeout(Duration.ofSeconds(60)).build()));

        long accepted;
        try (SocketChannel client = SocketChannel.open(new InetSocketAddress("127.0.0.1", proxy.boundPort(GATEWAY_PORT)))) {
            byte[] heads = ("GET /first HTTP/1.1\r\nHost: example.com\r\n\r\n"
                    + "POST /stall HTTP/1.1\r\nHost: example.com\r\nContent-Length: " + (4L << 30) + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
            accepted = writeUntilStalled(client, heads, Duration.ofSeconds(1), Duration.ofSeconds(20));
        }

        assertThat(accepted).as("bytes of a 4 GiB upload the proxy took while its upstream was still connecting")
                .isLessThan(LIMIT);
        try (RawHttpClient other = new RawHttpClient(proxy.boundPort(GATEWAY_PORT))) {
            assertThat(other.exchange("GET /still HTTP/1.1\r\nHost: example.com\r\n\r\n").bodyText())
                    .as("the proxy still serves").isEqualTo("fast /still");
        }
    }

    @Test
    void pipelinedUploadToAnUpstreamThatDoesNotReadIsNotReadAhead() throws Exception {
        StubUpstream fast = closer.register(StubUpstream.start("fast"));
        NonReadingUpstream stuck = closer.register(new NonReadingUpstream());
        ProxyServer proxy = closer.register(ProxyServer.start(RoutingTables.builder()
                        .cluster("fast.example", endpoint("127.0.0.1", fast.port(), 1))
                        .cluster("stuck.example", endpoint("127.0.0.1", stuck.port(), 1))
                        .route(GATEWAY_PORT, "example.com", "/stuck", "stuck.example")
                        .route(GATEWAY_PORT, "example.com", "/", "fast.example").holder(),
                ProxyServerOptions.builder().ephemeralPorts(true).workerThreads(1).build()));

        long accepted;
        try (SocketChannel client = SocketChannel.open(new InetSocketAddress("127.0.0.1", proxy.boundPort(GATEWAY_PORT)))) {
            byte[] heads = ("GET /first HTTP/1.1\r\nHost: example.com\r\n\r\n"
                    + "POST /stuck HTTP/1.1\r\nHost: example.com\r\nContent-Length: " + (4L << 30) + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
            accepted = writeUntilStalled(client, heads, Duration.ofSeconds(1), Duration.ofSeconds(20));
        }

        assertThat(accepted).as("bytes of a 4 GiB upload the proxy took while its upstream read nothing")
                .isLessThan(LIMIT);
    }

    /**
     * Writes {@code first}, then body bytes, as fast as {@code client} takes them; returns the
     * bytes written once no write was possible for {@code stall}, or once {@link #LIMIT} was
     * reached, or at {@code deadline}.
     */
    static long writeUntilStalled(SocketChannel client, byte[] first, Duration stall, Duration deadline)
            throws IOException {
        client.configureBlocking(false);
        ByteBuffer pending = ByteBuffer.wrap(first);
        ByteBuffer body = ByteBuffer.allocate(64 * 1024);
        long written = 0;
        long end = System.nanoTime() + deadline.toNanos();
        try (Selector selector = Selector.open()) {
            client.register(selector, SelectionKey.OP_WRITE);
            while (written < LIMIT && System.nanoTime() < end) {
                if (selector.select(stall.toMillis()) == 0) {
                    break;
                }
                selector.selectedKeys().clear();
                if (!pending.hasRemaining()) {
                    body.clear();
                    pending = body;
                }
                written += client.write(pending);
            }
        }
        return written;
    }
}
