package io.foresail.core.server;

import static io.foresail.core.testing.RoutingTables.endpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.foresail.core.testing.Closer;
import io.foresail.core.testing.KeepAliveUpstream;
import io.foresail.core.testing.RawHttpClient;
import io.foresail.core.testing.RoutingTables;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The graceful stop of the data plane over real sockets: readiness first, listeners accepting for
 * the delay, then closed; idle keep-alive connections closed, requests in progress answered with
 * {@code connection: close}, TCP forwards left running until the timeout cuts them.
 */
class GracefulDrainIT {

    private static final int HTTP_PORT = 8081;
    private static final int TCP_PORT = 9000;
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Longer than any test: a drain that should wait is ended by {@link GracefulDrain#stopNow()}. */
    private static final Duration FOREVER = Duration.ofMinutes(5);
    private static final String GET = "GET /first HTTP/1.1\r\nHost: example.com\r\n\r\n";
    private static final String HOLD = "GET /hold HTTP/1.1\r\nHost: example.com\r\n\r\n";

    @RegisterExtension
    final Closer closer = new Closer();

    private final CountDownLatch readinessFailed = new CountDownLatch(1);
    private KeepAliveUpstream upstream;
    private ProxyServer server;

    private GracefulDrain drain(Duration delay, Duration timeout) throws Exception {
        upstream = closer.register(KeepAliveUpstream.start("u"));
        server = closer.register(ProxyServer.start(RoutingTables.builder()
                .cluster("web.example", endpoint("127.0.0.1", upstream.port(), 1))
                .cluster("tcp.example", endpoint("127.0.0.1", upstream.port(), 1))
                .route(HTTP_PORT, "example.com", "/", "web.example")
                .tcpForward(TCP_PORT, "tcp.example")
                .holder(), ProxyServerOptions.builder().ephemeralPorts(true).workerThreads(2).build()));
        GracefulDrain drain = new GracefulDrain(server, readinessFailed::countDown, delay, timeout);
        closer.register(drain::stopNow);
        return drain;
    }

    private RawHttpClient client(int gatewayPort) throws Exception {
        return closer.register(new RawHttpClient(server.boundPort(gatewayPort)));
    }

    private static void assertRefused(int port) {
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            }
        }).as("a new connection to port %d after the listeners closed", port).isInstanceOf(ConnectException.class);
    }

    @Test
    void readinessFailsAtOnceWhileListenersKeepAcceptingForTheDelay() throws Exception {
        GracefulDrain drain = drain(FOREVER, FOREVER);
        drain.start(true);

        assertThat(readinessFailed.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("readiness failed at the start").isTrue();
        RawHttpClient during = client(HTTP_PORT);
        RawHttpClient.Response answer = during.exchange(GET);
        assertThat(answer.status()).as("a connection opened during the delay is served").isEqualTo(200);
        assertThat(answer.header("connection")).as("and kept alive until the listeners close").isNull();
    }

    @Test
    void idleKeepAliveConnectionIsClosedWhenTheListenersClose() throws Exception {
        GracefulDrain drain = drain(Duration.ZERO, FOREVER);
        RawHttpClient idle = client(HTTP_PORT);
        assertThat(idle.exchange(GET).status()).as("served before the drain").isEqualTo(200);
        int port = server.boundPort(HTTP_PORT);

        drain.start(true);

        assertThat(idle.isClosedByPeer()).as("the idle keep-alive connection is closed").isTrue();
        assertThat(drain.awaitFinished(WAIT)).as("with no connection left the drain ends before its timeout").isTrue();
        assertRefused(port);
    }

    @Test
    void requestInProgressIsAnsweredWithConnectionClose() throws Exception {
        GracefulDrain drain = drain(Duration.ZERO, FOREVER);
        RawHttpClient inFlight = client(HTTP_PORT);
        inFlight.send(HOLD);
        assertThat(upstream.awaitHolding(WAIT)).as("the request reached the upstream").isTrue();
        int port = server.boundPort(HTTP_PORT);

        drain.start(true);
        assertThat(drain.awaitListenersClosed(WAIT)).as("the listeners closed").isTrue();
        assertRefused(port);
        upstream.releaseHeld();

        RawHttpClient.Response answer = inFlight.read();
        assertThat(answer.status()).as("the request in progress is answered").isEqualTo(200);
        assertThat(answer.header("connection")).as("connection header of that answer").isEqualToIgnoringCase("close");
        assertThat(inFlight.isClosedByPeer()).as("its connection closes after the answer").isTrue();
        assertThat(drain.awaitFinished(WAIT)).as("the drain ends once that connection closed").isTrue();
    }

    @Test
    void tcpForwardRunsAfterTheListenersClose() throws Exception {
        GracefulDrain drain = drain(Duration.ZERO, FOREVER);
        RawHttpClient tcp = client(TCP_PORT);
        assertThat(tcp.exchange(GET).status()).as("forwarded before the drain").isEqualTo(200);

        drain.start(true);
        assertThat(drain.awaitListenersClosed(WAIT)).as("the listeners closed").isTrue();

        assertThat(tcp.exchange(GET).status()).as("the TCP forward still carries bytes after the listeners closed")
                .isEqualTo(200);
    }

    @Test
    void drainTimeoutCutsTheConnectionsStillOpen() throws Exception {
        GracefulDrain drain = drain(Duration.ZERO, Duration.ofMillis(200));
        RawHttpClient tcp = client(TCP_PORT);
        assertThat(tcp.exchange(GET).status()).as("forwarded before the drain").isEqualTo(200);

        drain.start(true);

        assertThat(drain.awaitFinished(WAIT)).as("the drain ends at its timeout").isTrue();
        assertThat(tcp.isClosedByPeer()).as("the TCP forward still open at the timeout is cut").isTrue();
        assertThat(server.openConnections()).as("connections left open").isZero();
    }

    @Test
    void stopNowEndsTheDelayAndCutsRequestsInProgress() throws Exception {
        GracefulDrain drain = drain(FOREVER, FOREVER);
        RawHttpClient inFlight = client(HTTP_PORT);
        inFlight.send(HOLD);
        assertThat(upstream.awaitHolding(WAIT)).as("the request reached the upstream").isTrue();
        drain.start(true);
        assertThat(readinessFailed.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("the drain has started").isTrue();

        drain.stopNow();

        assertThat(drain.awaitFinished(WAIT)).as("the drain ends without waiting out delay or timeout").isTrue();
        assertThat(inFlight.isClosedByPeer()).as("the request in progress is cut").isTrue();
        assertThat(server.ready()).as("the listeners are closed").isFalse();
    }

    @Test
    void withoutGraceTheListenersCloseAtOnce() throws Exception {
        GracefulDrain drain = drain(FOREVER, FOREVER);
        int port = server.boundPort(HTTP_PORT);

        drain.start(false);

        assertThat(drain.awaitFinished(WAIT)).as("no delay, and no connection to wait for").isTrue();
        assertRefused(port);
    }

    @Test
    void reloadAfterTheListenersClosedBindsNothing() throws Exception {
        GracefulDrain drain = drain(Duration.ZERO, FOREVER);
        drain.start(true);
        assertThat(drain.awaitFinished(WAIT)).as("the drain ended").isTrue();

        assertThat(server.follow(RoutingTables.builder()
                .cluster("web.example", endpoint("127.0.0.1", upstream.port(), 1))
                .route(HTTP_PORT + 1, "example.com", "/", "web.example")
                .holder().current().table())).as("bind failures").isEmpty();

        assertThat(server.listenedPorts()).as("ports listened on after a reload during the stop").isEmpty();
    }
}
