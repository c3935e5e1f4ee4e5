package io.foresail.core.server;

import static io.foresail.core.testing.RoutingTables.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.core.testing.Closer;
import io.foresail.core.testing.RoutingTables;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Plaintext TCP forwarding over real sockets: bytes intact both ways, half-close, backpressure, failures. */
class TcpForwardIT {

    private static final int TCP_PORT = 2379;

    @RegisterExtension
    final Closer closer = new Closer();

    private ProxyServer forwardingTo(int upstreamPort) {
        return forwardingTo("127.0.0.1", upstreamPort, Duration.ofSeconds(10));
    }

    private ProxyServer forwardingTo(String address, int upstreamPort, Duration connectTimeout) {
        return closer.register(ProxyServer.start(RoutingTables.builder()
                        .cluster("db.internal", endpoint(address, upstreamPort, 1))
                        .tcpForward(TCP_PORT, "db.internal").holder(),
                ProxyServerOptions.builder().ephemeralPorts(true).workerThreads(1).connectTimeout(connectTimeout).build()));
    }

    private Socket connect(ProxyServer proxy) throws IOException {
        Socket socket = closer.register(new Socket());
        socket.connect(new InetSocketAddress("127.0.0.1", proxy.boundPort(TCP_PORT)), 5_000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    @Test
    void clientHalfCloseReachesTheUpstreamAndTheReplyStillComesBack() throws Exception {
        EchoUpstream upstream = closer.register(EchoUpstream.plain());
        Socket socket = connect(forwardingTo(upstream.port()));

        socket.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
        socket.shutdownOutput();

        assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
                .as("the echo, then the reply the upstream only sends once it read the end of input")
                .isEqualTo("hello" + EchoUpstream.BYE);
    }

    @Test
    void upstreamHalfCloseReachesTheClientWhichCanStillSend() throws Exception {
        ScriptedTcpUpstream upstream = closer.register(ScriptedTcpUpstream.halfClosing(ascii("ready")));
        Socket socket = connect(forwardingTo(upstream.port()));

        assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
                .as("the reply, then the end of the upstream's output").isEqualTo("ready");
        socket.getOutputStream().write(ascii("late"));
        socket.shutdownOutput();

        assertThat(upstream.received().get(10, TimeUnit.SECONDS)).as("what the client sent after the upstream half-closed")
                .isEqualTo(ascii("late"));
    }

    @Test
    void aSlowReaderGetsAllOfAReplyWhoseUpstreamClosed() throws Exception {
        byte[] reply = new byte[64 << 20];
        new Random(7).nextBytes(reply);
        ScriptedTcpUpstream upstream = closer.register(ScriptedTcpUpstream.closing(reply));
        // The client sends nothing: an upstream closing with unread input would reset, not close.
        Socket socket = connect(forwardingTo(upstream.port()));

        // The client reads nothing until the upstream's writes have stalled: the proxy stopped reading it.
        long stalledAt = awaitStall(upstream::written, Duration.ofMillis(500), Duration.ofSeconds(20));
        assertThat(stalledAt).as("bytes the proxy took from the upstream for a client that reads nothing")
                .isLessThan(reply.length);
        byte[] received = socket.getInputStream().readAllBytes();

        assertThat(received.length).isEqualTo(reply.length);
        assertThat(sha256(received)).as("all of the reply, byte for byte, though the upstream closed long before")
                .isEqualTo(sha256(reply));
    }

    /** Polls {@code count} until it has not changed for {@code quiet}, at most {@code deadline}; its last value. */
    private static long awaitStall(java.util.function.LongSupplier count, Duration quiet, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        long last = count.getAsLong();
        long changedAt = System.nanoTime();
        while (System.nanoTime() < end && System.nanoTime() - changedAt < quiet.toNanos()) {
            long now = count.getAsLong();
            if (now != last) {
                last = now;
                changedAt = System.nanoTime();
            }
            Thread.onSpinWait();
        }
        return last;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void tenMebibytesCrossIntactBothWays() throws Exception {
        EchoUpstream upstream = closer.register(EchoUpstream.plain());
        Socket socket = connect(forwardingTo(upstream.port()));
        byte[] sent = new byte[10 << 20];
        new Random(42).nextBytes(sent);

        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                OutputStream out = socket.getOutputStream();
                for (int offset = 0; offset < sent.length; offset += 100_000) {
                    out.write(sent, offset, Math.min(100_000, sent.length - offset));
                }
                socket.shutdownOutput();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        byte[] received = socket.getInputStream().readAllBytes();
        writer.get(10, TimeUnit.SECONDS);

        assertThat(received.length).isEqualTo(sent.length + EchoUpstream.BYE.length());
        assertThat(sha256(Arrays.copyOf(received, sent.length))).as("the echo of 10 MiB, byte for byte")
                .isEqualTo(sha256(sent));
    }

    @Test
    void aStalledUpstreamStopsTheProxyReadingTheClient() throws Exception {
        NonReadingUpstream stuck = closer.register(new NonReadingUpstream());
        ProxyServer proxy = forwardingTo(stuck.port());

        long accepted;
        try (SocketChannel client = SocketChannel.open(new InetSocketAddress("127.0.0.1", proxy.boundPort(TCP_PORT)))) {
            accepted = RequestBackpressureIT.writeUntilStalled(client, new byte[0], Duration.ofSeconds(1), Duration.ofSeconds(20));
        }

        assertThat(accepted).as("bytes the proxy took for an upstream that reads nothing")
                .isLessThan(RequestBackpressureIT.LIMIT);
    }

    @Test
    void connectFailureClosesTheClient() throws Exception {
        // TEST-NET-1 (RFC 5737): nothing answers; unreachable or timed out, the connect fails.
        ProxyServer proxy = forwardingTo("192.0.2.1", 9, Duration.ofMillis(300));
        Socket socket = connect(proxy);

        InputStream in = socket.getInputStream();

        assertThat(in.read()).as("closed without a byte").isEqualTo(-1);
        assertThat(proxy.counters().tcpConnectFailures()).isEqualTo(1);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
